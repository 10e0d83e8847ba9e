import { type BrokerCapabilities, ORDER_TYPES, type OrderType } from "@candlewick/core";

/** The venues this broker knows how to trade on: ccxt ids. */
export const VENUE_IDS = ["binance", "binanceusdm"] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** What differs between venues: market kind, capabilities, credentials' names, the venue's order type names. */
export interface VenueProfile {
  readonly venueId: VenueId;
  /** The ccxt market type the broker trades (spot, or linear perpetual swaps). */
  readonly marketType: "spot" | "swap";
  readonly capabilities: BrokerCapabilities;
  /** Environment variables read for the credentials, first found wins. */
  readonly env: { readonly apiKey: readonly string[]; readonly secret: readonly string[] };
  /** ccxt `options` of an instance the broker makes (under the user's own `ccxtOptions.options`). */
  readonly ccxtOptions: Readonly<Record<string, unknown>>;
  /** The venue's own order type names (`info.type`), as contract order types. */
  readonly orderTypes: Readonly<Record<string, OrderType>>;
  /**
   * Longest time span one trade-history request may cover (Binance spot's myTrades: 24 hours from `startTime`),
   * or undefined for none.
   */
  readonly tradeWindowMs: number | undefined;
}

const ALL_TYPES: readonly OrderType[] = ORDER_TYPES;

const BINANCE_ID_LENGTH = 36;
const DAY_MS = 86_400_000;

const envNames = (venue: string) => ({
  apiKey: [`CANDLEWICK_${venue}_API_KEY`, "CANDLEWICK_API_KEY"],
  secret: [`CANDLEWICK_${venue}_API_SECRET`, "CANDLEWICK_API_SECRET"],
});

/** Per-venue facts. Protective orders: see the README's table. */
export const VENUE_PROFILES: Readonly<Record<VenueId, VenueProfile>> = {
  binance: {
    venueId: "binance",
    marketType: "spot",
    capabilities: { orderTypes: ALL_TYPES, positions: false, maxClientOrderIdLength: BINANCE_ID_LENGTH },
    env: envNames("BINANCE"),
    // Without these, loadMarkets also calls fapi/dapi and, with keys, sapi endpoints a spot broker never needs;
    // and ccxt refuses fetchOpenOrders() without a symbol unless told the rate-limit cost is understood.
    ccxtOptions: {
      defaultType: "spot",
      fetchMarkets: { types: ["spot"] },
      fetchCurrencies: false,
      fetchMargins: false,
      warnOnFetchOpenOrdersWithoutSymbol: false,
    },
    orderTypes: {
      MARKET: "market",
      LIMIT: "limit",
      LIMIT_MAKER: "limit",
      STOP_LOSS: "stop_market",
      STOP_LOSS_LIMIT: "stop_limit",
      TAKE_PROFIT: "take_profit_market",
      TAKE_PROFIT_LIMIT: "take_profit_limit",
    },
    tradeWindowMs: DAY_MS,
  },
  binanceusdm: {
    venueId: "binanceusdm",
    marketType: "swap",
    // Market and limit only: ccxt sends conditional orders on linear swaps to the algo API under `clientAlgoId`,
    // where a lookup by client order id (origClientOrderId) would not find them, and a resend would duplicate them.
    capabilities: {
      orderTypes: ["market", "limit"],
      positions: true,
      maxClientOrderIdLength: BINANCE_ID_LENGTH,
    },
    env: envNames("BINANCEUSDM"),
    ccxtOptions: {
      defaultType: "future",
      fetchMarkets: { types: ["linear"] },
      fetchCurrencies: false,
      warnOnFetchOpenOrdersWithoutSymbol: false,
    },
    orderTypes: {
      MARKET: "market",
      LIMIT: "limit",
      STOP_MARKET: "stop_market",
      STOP: "stop_limit",
      TAKE_PROFIT_MARKET: "take_profit_market",
      TAKE_PROFIT: "take_profit_limit",
    },
    tradeWindowMs: 7 * DAY_MS,
  },
};
