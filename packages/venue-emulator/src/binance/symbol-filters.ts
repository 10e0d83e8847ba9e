import { type Atoms, parseAtoms } from "../engine/decimal.js";

/** The exchangeInfo filters of one symbol the emulator enforces, in atoms. */
export interface SymbolFilters {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly orderTypes: readonly string[];
  readonly price: { readonly min: Atoms; readonly max: Atoms; readonly tick: Atoms };
  readonly lot: { readonly min: Atoms; readonly max: Atoms; readonly step: Atoms };
  /** MARKET_LOT_SIZE; a step of 0 means "not enforced", as Binance prints it. */
  readonly marketLot: { readonly min: Atoms; readonly max: Atoms; readonly step: Atoms } | undefined;
  /** NOTIONAL (or the older MIN_NOTIONAL). */
  readonly notional:
    | { readonly min: Atoms; readonly max: Atoms; readonly applyMinToMarket: boolean }
    | undefined;
  readonly maxNumOrders: number | undefined;
}

type RawFilter = Record<string, unknown> & { filterType: string };

/** Reads the filters of an exchangeInfo `symbols[]` entry. */
export function readSymbolFilters(entry: Record<string, unknown>): SymbolFilters {
  const filters = (entry.filters as RawFilter[]) ?? [];
  const byType = (type: string) => filters.find((filter) => filter.filterType === type);
  const atoms = (filter: RawFilter | undefined, key: string, fallback: Atoms): Atoms => {
    const value = filter?.[key];
    return typeof value === "string" ? (parseAtoms(value) ?? fallback) : fallback;
  };
  const price = byType("PRICE_FILTER");
  const lot = byType("LOT_SIZE");
  const marketLot = byType("MARKET_LOT_SIZE");
  const notional = byType("NOTIONAL") ?? byType("MIN_NOTIONAL");
  const maxOrders = byType("MAX_NUM_ORDERS");
  const huge = 10n ** 30n;
  return {
    symbol: String(entry.symbol),
    baseAsset: String(entry.baseAsset),
    quoteAsset: String(entry.quoteAsset),
    orderTypes: (entry.orderTypes as string[]) ?? [],
    price: {
      min: atoms(price, "minPrice", 0n),
      max: atoms(price, "maxPrice", huge),
      tick: atoms(price, "tickSize", 0n),
    },
    lot: { min: atoms(lot, "minQty", 0n), max: atoms(lot, "maxQty", huge), step: atoms(lot, "stepSize", 0n) },
    marketLot:
      marketLot === undefined
        ? undefined
        : {
            min: atoms(marketLot, "minQty", 0n),
            max: atoms(marketLot, "maxQty", huge),
            step: atoms(marketLot, "stepSize", 0n),
          },
    notional:
      notional === undefined
        ? undefined
        : {
            // Spot's NOTIONAL says minNotional; USDⓈ-M's MIN_NOTIONAL says notional.
            min: atoms(notional, "minNotional", atoms(notional, "notional", 0n)),
            max: atoms(notional, "maxNotional", huge),
            applyMinToMarket: notional.applyMinToMarket !== false,
          },
    // Spot: maxNumOrders; USDⓈ-M: limit.
    maxNumOrders:
      typeof maxOrders?.maxNumOrders === "number"
        ? maxOrders.maxNumOrders
        : typeof maxOrders?.limit === "number"
          ? maxOrders.limit
          : undefined,
  };
}

/** Binance's PRICE_FILTER: within [min, max] and on the tick (0 disables a rule). */
export function priceFilterPasses(filters: SymbolFilters, price: Atoms): boolean {
  const { min, max, tick } = filters.price;
  if (price <= 0n) return false;
  if (min !== 0n && price < min) return false;
  if (max !== 0n && price > max) return false;
  return tick === 0n || (price - min) % tick === 0n;
}

/** Binance's LOT_SIZE (or MARKET_LOT_SIZE) rule for a quantity. */
export function lotFilterPasses(lot: SymbolFilters["lot"], quantity: Atoms): boolean {
  if (quantity < lot.min || quantity > lot.max) return false;
  return lot.step === 0n || (quantity - lot.min) % lot.step === 0n;
}
