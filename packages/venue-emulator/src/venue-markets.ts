import { InvalidArgumentError } from "@candlewick/core";
import { accountRoutes } from "./binance/account-routes.js";
import { reject } from "./binance/binance-reject.js";
import { loadSpotExchangeInfo, loadUsdmExchangeInfo } from "./binance/exchange-info.js";
import { marketRoutes } from "./binance/market-routes.js";
import { orderRoutes } from "./binance/order-routes.js";
import type { Route, VenueContext } from "./binance/route.js";
import { spotRejects } from "./binance/spot-rejects.js";
import type { SymbolFilters } from "./binance/symbol-filters.js";
import { usdmAccountRoutes } from "./binance-usdm/usdm-account-routes.js";
import { type PercentPrice, readPercentPrice, type UsdmContext } from "./binance-usdm/usdm-context.js";
import { usdmMarketRoutes } from "./binance-usdm/usdm-market-routes.js";
import { usdmOrderRoutes } from "./binance-usdm/usdm-order-routes.js";
import { usdmEngineRejects, usdmMarginRejects } from "./binance-usdm/usdm-reject.js";
import type { CandleFeed } from "./engine/candle-feed.js";
import { type Atoms, formatAtoms, numberToAtoms } from "./engine/decimal.js";
import { MarginAccount } from "./engine/margin-account.js";
import { MatchingEngine, type MatchingRules } from "./engine/matching-engine.js";
import { SpotLedger } from "./engine/spot-ledger.js";
import type { ParsedVenueEmulatorOptions } from "./venue-emulator-options.js";

const COMPONENT = "createVenueEmulator";
/** Binance USDⓈ-M's base (VIP 0) commission rates and default leverage. */
const USDM_TAKER = 0.0005;
const USDM_MAKER = 0.0002;
const USDM_LEVERAGE = 20;
/** Maintenance margin rate of BTCUSDT's first bracket, used for every symbol. */
const USDM_MAINT_MARGIN = 0.004;

/** What a market needs to build its context once the candles are loaded. */
export interface MarketInput {
  readonly parsed: ParsedVenueEmulatorOptions;
  readonly filters: ReadonlyMap<string, SymbolFilters>;
  readonly entries: ReadonlyMap<string, Record<string, unknown>>;
  readonly feeds: ReadonlyMap<string, CandleFeed>;
  readonly exchangeInfo: Record<string, unknown>;
  readonly rules: MatchingRules;
  readonly startTime: number;
  readonly balances: readonly [string, Atoms][];
}

/** One Binance market the emulator serves: its recorded exchangeInfo, its routes and its account model. */
export interface VenueMarket<C extends VenueContext = VenueContext> {
  readonly label: string;
  exchangeInfo(): Record<string, unknown>;
  /** Throws InvalidArgumentError for options that do not apply to this market. */
  check(parsed: ParsedVenueEmulatorOptions): void;
  createContext(input: MarketInput): C;
  readonly routes: Readonly<Record<string, Route<C>>>;
  /** Free and locked per asset, as 8-decimal strings. */
  balances(context: C): Record<string, { free: string; locked: string }>;
}

export const spotMarket: VenueMarket<VenueContext<SpotLedger>> = {
  label: "spot",
  exchangeInfo: loadSpotExchangeInfo,
  check(parsed) {
    if (parsed.leverage !== undefined)
      throw new InvalidArgumentError(
        COMPONENT,
        "leverage",
        parsed.leverage,
        'market: "usdm" (spot has none)',
      );
  },
  createContext(input) {
    const { parsed } = input;
    const feeRate = parsed.feeRate ?? 0.001;
    const ledger = new SpotLedger(
      input.balances,
      {
        takerFee: numberToAtoms(feeRate),
        makerFee: numberToAtoms(parsed.makerFeeRate ?? feeRate),
        commissionAsset: parsed.commissionAsset,
      },
      reject.insufficientBalance,
    );
    const engine = new MatchingEngine(
      input.filters,
      input.feeds,
      ledger,
      spotRejects,
      input.rules,
      input.startTime,
    );
    return { engine, ledger, ...shared(input) };
  },
  routes: { ...marketRoutes, ...orderRoutes, ...accountRoutes },
  balances: (context) =>
    Object.fromEntries(
      context.ledger.account
        .entries()
        .map(([asset, b]) => [asset, { free: formatAtoms(b.free), locked: formatAtoms(b.locked) }]),
    ),
};

export const usdmMarket: VenueMarket<UsdmContext> = {
  label: "USDⓈ-M",
  exchangeInfo: loadUsdmExchangeInfo,
  check(parsed) {
    const assets = Object.keys(parsed.balances);
    if (assets.some((asset) => asset !== "USDT")) {
      throw new InvalidArgumentError(COMPONENT, "balances", assets, "only USDT, the margin asset, on USDⓈ-M");
    }
    if (parsed.commissionAsset !== "quote") {
      throw new InvalidArgumentError(
        COMPONENT,
        "commissionAsset",
        parsed.commissionAsset,
        '"quote" (USDⓈ-M charges every commission in USDT)',
      );
    }
  },
  createContext(input) {
    const { parsed } = input;
    const wallet = input.balances.find(([asset]) => asset === "USDT")?.[1] ?? 0n;
    let engine: MatchingEngine | undefined;
    const ledger = new MarginAccount(
      "USDT",
      wallet,
      {
        takerFee: numberToAtoms(parsed.feeRate ?? USDM_TAKER),
        makerFee: numberToAtoms(
          parsed.makerFeeRate ?? (parsed.feeRate === undefined ? USDM_MAKER : parsed.feeRate),
        ),
        leverage: parsed.leverage ?? USDM_LEVERAGE,
        maintMarginRate: numberToAtoms(USDM_MAINT_MARGIN),
      },
      (symbol) => engine?.markPrice(symbol),
      () => engine?.now() ?? input.startTime,
      usdmMarginRejects,
    );
    engine = new MatchingEngine(
      input.filters,
      input.feeds,
      ledger,
      usdmEngineRejects,
      input.rules,
      input.startTime,
    );
    const percentPrice = new Map<string, PercentPrice>();
    for (const [symbol, entry] of input.entries) {
      const band = readPercentPrice(entry);
      if (band !== undefined) percentPrice.set(symbol, band);
    }
    return { engine, ledger, percentPrice, ...shared(input) };
  },
  routes: { ...usdmMarketRoutes, ...usdmOrderRoutes, ...usdmAccountRoutes },
  balances(context) {
    const totals = context.ledger.totals();
    return {
      USDT: { free: formatAtoms(totals.availableBalance), locked: formatAtoms(totals.initialMargin) },
    };
  },
};

function shared(input: MarketInput) {
  return {
    filters: input.filters,
    feeds: input.feeds,
    exchangeInfo: input.exchangeInfo,
    listenKeys: new Set<string>(),
  };
}
