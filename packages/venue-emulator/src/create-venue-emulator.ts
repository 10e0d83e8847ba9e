import { InvalidArgumentError, parseWithSchema } from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";
import { accountRoutes } from "./binance/account-routes.js";
import { loadSpotExchangeInfo, symbolEntries } from "./binance/exchange-info.js";
import { marketRoutes } from "./binance/market-routes.js";
import { orderRoutes } from "./binance/order-routes.js";
import { renderOrder, renderTrade } from "./binance/render-order.js";
import type { VenueContext } from "./binance/route.js";
import { readSymbolFilters, type SymbolFilters } from "./binance/symbol-filters.js";
import { CandleFeed } from "./engine/candle-feed.js";
import { type Atoms, formatAtoms, numberToAtoms, parseAtoms } from "./engine/decimal.js";
import { loadCandles } from "./engine/load-candles.js";
import { MatchingEngine } from "./engine/matching-engine.js";
import type { LoggedRequest } from "./http/request-log.js";
import { VenueServer } from "./http/venue-server.js";
import {
  type ParsedVenueEmulatorOptions,
  type VenueEmulatorOptions,
  venueEmulatorOptionsSchema,
} from "./venue-emulator-options.js";
import { createVenueFaults, type VenueFaults } from "./venue-faults.js";
import type { VenueOrderSnapshot, VenueTradeSnapshot } from "./venue-snapshots.js";

const COMPONENT = "createVenueEmulator";

/** A running (or startable) loopback Binance spot venue. */
export interface VenueEmulator {
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
  /** Every order ever accepted, oldest first, in Binance's `GET /api/v3/order` shape. */
  orders(): VenueOrderSnapshot[];
  /** Every fill, oldest first, in Binance's `myTrades` shape. */
  trades(): VenueTradeSnapshot[];
  /** Free and locked per asset, as 8-decimal strings. */
  balances(): Record<string, { free: string; locked: string }>;
  /** Number of live listen keys (user data stream sessions). */
  sessionCount(): number;
}

/**
 * Creates a loopback Binance spot venue for tests: the REST endpoints ccxt.binance calls to trade, signed and
 * checked as Binance does, over a matching engine fed by replayed real 1m candles, with fault injection and
 * a request log. Point ccxt at it with `binanceCcxtConfig(emulator)`.
 * @throws InvalidArgumentError naming the bad option.
 */
export function createVenueEmulator(options: VenueEmulatorOptions): VenueEmulator {
  const parsed = parseWithSchema(COMPONENT, venueEmulatorOptionsSchema, options);
  const info = loadSpotExchangeInfo();
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
        `one of the recorded spot symbols: ${[...entries.keys()].join(", ")}`,
      );
    }
    filters.set(symbol, readSymbolFilters(entry));
  }
  const exchangeInfo = { ...info, symbols: symbols.map((symbol) => entries.get(symbol)) };
  const feeds = new Map<string, CandleFeed>();
  let context: VenueContext | undefined;
  let server: VenueServer | undefined;
  let cachedFaults: VenueFaults | undefined;

  const engine = (): MatchingEngine => {
    if (context === undefined)
      throw new InvalidArgumentError(COMPONENT, "start()", "not called", "await emulator.start() first");
    return context.engine;
  };

  const emulator: VenueEmulator = {
    get url() {
      const url = server?.url;
      if (url === undefined)
        throw new InvalidArgumentError(COMPONENT, "url", undefined, "a started emulator (await start())");
      return url;
    },
    apiKey: parsed.apiKey,
    secret: parsed.secret,
    async start() {
      if (context === undefined) {
        for (const symbol of symbols)
          feeds.set(symbol, new CandleFeed(await loadCandles(symbol, parsed.candles[symbol]!)));
        const first = feeds.get(symbols[0]!)!.table.timestamp[0]!;
        context = {
          engine: new MatchingEngine(
            filters,
            feeds,
            balancesOf(parsed),
            rulesOf(parsed),
            parsed.startTime ?? first + MINUTE_MS,
          ),
          filters,
          feeds,
          exchangeInfo,
          listenKeys: new Set(),
        };
        const venue = context;
        server = new VenueServer({
          host: parsed.host,
          port: parsed.port,
          routes: { ...marketRoutes, ...orderRoutes, ...accountRoutes },
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
        .map((order) => renderOrder(order) as unknown as VenueOrderSnapshot),
    trades: () =>
      engine()
        .trades()
        .map((trade) => renderTrade(trade) as unknown as VenueTradeSnapshot),
    balances: () =>
      Object.fromEntries(
        engine()
          .account.entries()
          .map(([asset, b]) => [asset, { free: formatAtoms(b.free), locked: formatAtoms(b.locked) }]),
      ),
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
    takerFee: numberToAtoms(parsed.feeRate),
    makerFee: numberToAtoms(parsed.makerFeeRate ?? parsed.feeRate),
    commissionAsset: parsed.commissionAsset,
    marketSlippageBps: parsed.marketSlippageBps,
    maxQuantityPerCandle: (symbol: string) => (caps instanceof Map ? caps.get(symbol) : caps),
    maxVolumeShare: parsed.partialFills.maxVolumeShare,
  };
}

function toAtoms(value: string | number, field: string): Atoms {
  const atoms = typeof value === "number" ? numberToAtoms(value) : parseAtoms(value);
  if (atoms === undefined)
    throw new InvalidArgumentError(COMPONENT, field, value, "a decimal with at most 8 decimals");
  return atoms;
}
