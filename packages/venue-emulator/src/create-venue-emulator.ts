import { InvalidArgumentError, parseWithSchema } from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";
import { symbolEntries } from "./binance/exchange-info.js";
import { renderOrder, renderTrade } from "./binance/render-order.js";
import type { VenueContext } from "./binance/route.js";
import { readSymbolFilters, type SymbolFilters } from "./binance/symbol-filters.js";
import type { UsdmContext } from "./binance-usdm/usdm-context.js";
import { CandleFeed } from "./engine/candle-feed.js";
import { type Atoms, formatAtoms, numberToAtoms, parseAtoms } from "./engine/decimal.js";
import { loadCandles } from "./engine/load-candles.js";
import type { LoggedRequest } from "./http/request-log.js";
import { VenueServer } from "./http/venue-server.js";
import {
  type ParsedVenueEmulatorOptions,
  type VenueEmulatorOptions,
  venueEmulatorOptionsSchema,
} from "./venue-emulator-options.js";
import { createVenueFaults, type VenueFaults } from "./venue-faults.js";
import { spotMarket, usdmMarket, type VenueMarket } from "./venue-markets.js";
import type {
  VenueMarginSnapshot,
  VenueOrderSnapshot,
  VenuePositionSnapshot,
  VenueTradeSnapshot,
} from "./venue-snapshots.js";

const COMPONENT = "createVenueEmulator";

/** A running (or startable) loopback Binance venue: spot, or USDⓈ-M futures. */
export interface VenueEmulator {
  /** Which Binance market it serves. */
  readonly market: "spot" | "usdm";
  /** `http://127.0.0.1:<port>` once started. */
  readonly url: string;
  readonly apiKey: string;
  readonly secret: string;
  /** Loads the candles and listens. Resolves to `url`. */
  start(): Promise<string>;
  /** Closes every connection and the listener. */
  stop(): Promise<void>;
  /** The venue's clock (ms). */
  now(): number;
  /** Sets the clock, applying the candles that closed in between; throws if `time` is in the past. */
  setTime(time: number): void;
  /** Moves the clock forward to `time` (no-op when not later), applying the candles that closed by then. */
  advanceTo(time: number): void;
  /**
   * A venue restart: in-memory sessions (listen keys) are forgotten; orders, fills and balances survive.
   * `dropConnections` also resets every open connection.
   */
  restart(options?: { readonly dropConnections?: boolean }): void;
  readonly faults: VenueFaults;
  /** Every request received, in order. */
  readonly log: readonly LoggedRequest[];
  /** Every order ever accepted, oldest first, in Binance's `GET /api/v3/order` shape (USDⓈ-M: with `reduceOnly`). */
  orders(): VenueOrderSnapshot[];
  /** Every fill, oldest first, in Binance's `myTrades` shape (USDⓈ-M: with `realizedPnl`). */
  trades(): VenueTradeSnapshot[];
  /** Free and locked per asset, as 8-decimal strings (USDⓈ-M: USDT available and initial margin). */
  balances(): Record<string, { free: string; locked: string }>;
  /** USDⓈ-M: every symbol that ever held a position, at the mark (the last close). Spot: none. */
  positions(): VenuePositionSnapshot[];
  /** USDⓈ-M: the margin account's totals. Throws on spot. */
  marginAccount(): VenueMarginSnapshot;
  /** Number of live listen keys (user data stream sessions). */
  sessionCount(): number;
}

/**
 * Creates a loopback Binance venue for tests: the REST endpoints ccxt calls to trade, signed and checked as
 * Binance does, over a matching engine fed by replayed real 1m candles, with fault injection and a request log.
 * `market: "spot"` (default) serves `/api/v3` for `ccxt.binance` (`binanceCcxtConfig(emulator)`); `"usdm"`
 * serves USDⓈ-M futures on `/fapi` for `ccxt.binanceusdm` (`binanceUsdmCcxtConfig(emulator)`).
 * @throws InvalidArgumentError naming the bad option.
 */
export function createVenueEmulator(options: VenueEmulatorOptions): VenueEmulator {
  const parsed = parseWithSchema(COMPONENT, venueEmulatorOptionsSchema, options);
  // Either market works on its own context; here only the shared VenueContext parts are used.
  const market = (parsed.market === "usdm" ? usdmMarket : spotMarket) as unknown as VenueMarket;
  market.check(parsed);
  const info = market.exchangeInfo();
  const entries = symbolEntries(info);
  const symbols = Object.keys(parsed.candles);
  if (symbols.length === 0)
    throw new InvalidArgumentError(COMPONENT, "candles", parsed.candles, "at least one symbol");
  const filters = new Map<string, SymbolFilters>();
  for (const symbol of symbols) {
    const entry = entries.get(symbol);
    if (entry === undefined) {
      throw new InvalidArgumentError(
        COMPONENT,
        `candles.${symbol}`,
        symbol,
        `one of the recorded ${market.label} symbols: ${[...entries.keys()].join(", ")}`,
      );
    }
    filters.set(symbol, readSymbolFilters(entry));
  }
  const used = new Map(symbols.map((symbol) => [symbol, entries.get(symbol)!]));
  const exchangeInfo = { ...info, symbols: [...used.values()] };
  const feeds = new Map<string, CandleFeed>();
  let context: VenueContext | undefined;
  let server: VenueServer<VenueContext> | undefined;
  let cachedFaults: VenueFaults | undefined;

  const started = (): VenueContext => {
    if (context === undefined)
      throw new InvalidArgumentError(COMPONENT, "start()", "not called", "await emulator.start() first");
    return context;
  };
  const engine = () => started().engine;
  const usdm = (what: string): UsdmContext => {
    if (parsed.market !== "usdm")
      throw new InvalidArgumentError(COMPONENT, what, "spot", 'an emulator created with market: "usdm"');
    return started() as UsdmContext;
  };

  const emulator: VenueEmulator = {
    get url() {
      const url = server?.url;
      if (url === undefined)
        throw new InvalidArgumentError(COMPONENT, "url", undefined, "a started emulator (await start())");
      return url;
    },
    market: parsed.market,
    apiKey: parsed.apiKey,
    secret: parsed.secret,
    async start() {
      if (context === undefined) {
        for (const symbol of symbols)
          feeds.set(symbol, new CandleFeed(await loadCandles(symbol, parsed.candles[symbol]!)));
        const first = feeds.get(symbols[0]!)!.table.timestamp[0]!;
        context = market.createContext({
          parsed,
          filters,
          entries: used,
          feeds,
          exchangeInfo,
          rules: rulesOf(parsed),
          startTime: parsed.startTime ?? first + MINUTE_MS,
          balances: balancesOf(parsed),
        });
        const venue = context;
        server = new VenueServer({
          host: parsed.host,
          port: parsed.port,
          routes: market.routes,
          context: venue,
          credentials: { apiKey: parsed.apiKey, secret: parsed.secret },
          beforeRequest: () => {
            if (parsed.clock !== undefined) venue.engine.advanceTo(parsed.clock());
          },
        });
      }
      return server!.start();
    },
    async stop() {
      await server?.stop();
    },
    now: () => engine().now(),
    setTime(time) {
      if (time < engine().now()) {
        throw new InvalidArgumentError(
          COMPONENT,
          "setTime(time)",
          time,
          `a time at or after the venue's clock (${engine().now()})`,
        );
      }
      engine().advanceTo(time);
    },
    advanceTo: (time) => engine().advanceTo(time),
    restart(restartOptions = {}) {
      context?.listenKeys.clear();
      if (restartOptions.dropConnections === true) server?.dropConnections();
    },
    get faults() {
      engine();
      cachedFaults ??= createVenueFaults(
        server!.faults,
        () => engine().now(),
        () => server!.dropConnections(),
      );
      return cachedFaults;
    },
    get log() {
      return server?.log ?? [];
    },
    orders: () =>
      engine()
        .orders()
        .map((order) => {
          const row = renderOrder(order) as unknown as VenueOrderSnapshot;
          return parsed.market === "usdm" ? { ...row, reduceOnly: order.reduceOnly } : row;
        }),
    trades: () =>
      engine()
        .trades()
        .map((trade) => {
          const row = renderTrade(trade) as unknown as VenueTradeSnapshot;
          return parsed.market === "usdm" ? { ...row, realizedPnl: formatAtoms(trade.realizedPnl) } : row;
        }),
    balances: () => market.balances(started()),
    positions: () => (parsed.market === "usdm" ? positionsOf(usdm("positions()")) : []),
    marginAccount: () => marginOf(usdm("marginAccount()")),
    sessionCount: () => context?.listenKeys.size ?? 0,
  };
  return emulator;
}

function balancesOf(parsed: ParsedVenueEmulatorOptions): [string, Atoms][] {
  return Object.entries(parsed.balances).map(([asset, value]) => [
    asset,
    toAtoms(value, `balances.${asset}`),
  ]);
}

function rulesOf(parsed: ParsedVenueEmulatorOptions) {
  const cap = parsed.partialFills.maxQuantityPerCandle;
  const caps =
    cap === undefined
      ? undefined
      : typeof cap === "object"
        ? new Map(
            Object.entries(cap).map(([symbol, value]) => [
              symbol,
              toAtoms(value, `partialFills.maxQuantityPerCandle.${symbol}`),
            ]),
          )
        : toAtoms(cap, "partialFills.maxQuantityPerCandle");
  return {
    marketSlippageBps: parsed.marketSlippageBps,
    maxQuantityPerCandle: (symbol: string) => (caps instanceof Map ? caps.get(symbol) : caps),
    maxVolumeShare: parsed.partialFills.maxVolumeShare,
  };
}

function positionsOf(context: UsdmContext): VenuePositionSnapshot[] {
  const account = context.ledger;
  return account.symbols().map((symbol) => {
    const position = account.position(symbol);
    return {
      symbol,
      positionAmt: formatAtoms(position.amount),
      entryPrice: formatAtoms(position.entryPrice),
      markPrice: formatAtoms(account.markOf(symbol)),
      unRealizedProfit: formatAtoms(account.unrealizedProfit(symbol)),
      notional: formatAtoms(account.notional(symbol)),
      leverage: account.leverageOf(symbol),
      updateTime: position.updateTime,
    };
  });
}

function marginOf(context: UsdmContext): VenueMarginSnapshot {
  const t = context.ledger.totals();
  return {
    asset: context.ledger.asset,
    walletBalance: formatAtoms(t.walletBalance),
    unrealizedProfit: formatAtoms(t.unrealizedProfit),
    marginBalance: formatAtoms(t.marginBalance),
    initialMargin: formatAtoms(t.initialMargin),
    maintMargin: formatAtoms(t.maintMargin),
    availableBalance: formatAtoms(t.availableBalance),
  };
}

function toAtoms(value: string | number, field: string): Atoms {
  const atoms = typeof value === "number" ? numberToAtoms(value) : parseAtoms(value);
  if (atoms === undefined)
    throw new InvalidArgumentError(COMPONENT, field, value, "a decimal with at most 8 decimals");
  return atoms;
}
