import { fileURLToPath } from "node:url";
import { createCcxtBroker } from "@candlewick/broker-ccxt";
import {
  type Broker,
  type CandlewickConfig,
  type ClosedResult,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  type LiveResult,
  type PersistAdapter,
  type StrategySchema,
} from "@candlewick/core";
import {
  binanceCcxtConfig,
  createVenueEmulator,
  useBinanceSpotErrorTable,
  type VenueEmulator,
  type VenueEmulatorOptions,
} from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { type BrokerCall, recordingBroker } from "./recording-broker.js";
import { VenueSchedule } from "./venue-schedule.js";

/** Real Binance spot 1m candles, BTC/ETH/SOL aligned, 2026-03-23 12:09 → 2026-04-22 12:07 UTC. */
export const DATA_DIR = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));
export const csvOf = (symbol: string) => `${DATA_DIR}/${symbol}-1m.csv.gz`;

export const MINUTE = 60_000;
/** The replays start here: 2026-04-01 00:00 UTC. */
export const START = Date.UTC(2026, 3, 1, 0);

// Unique strings, so finding one anywhere would be a leak (the emulator checks every signature with them).
const API_KEY = "liveVenueTestsKey9c2e71b4";
const SECRET = "live-venue-tests-secret-5f08d3";

/**
 * The run's fill model set to what the venue does with a market order: no slippage (the emulator's
 * `marketSlippageBps` default is 0) and the venue's 0.1% taker commission. 4 quantity decimals: ETHUSDT's lot step
 * (BTCUSDT's is finer), so the broker never truncates a quantity the kernel decided.
 */
export const VENUE_LIKE_CONFIG: Partial<CandlewickConfig> = {
  percentSlippage: 0,
  percentFee: 0.1,
  initialCapital: 10_000,
};

/** What one live run on the venue left behind. */
export interface VenueRun {
  /** Every result the runs yielded, per symbol, in order. */
  readonly results: Map<string, LiveResult[]>;
  /** Everything reported on `listenError`, and the error that ended a run, if any. */
  readonly errors: Error[];
  readonly venue: VenueEmulator;
  readonly schedule: VenueSchedule;
  /** Every broker call the runs made, with its outcome. */
  readonly calls: readonly BrokerCall[];
}

export interface VenueRunOptions {
  readonly strategy: StrategySchema;
  readonly symbols: readonly string[];
  /** The replay's end (its start is `start`, default {@link START}). */
  readonly end: number;
  readonly start?: number;
  /** The venue's options (its clock is the replay's). Default: 10,000 USDT. */
  readonly venue?: Partial<VenueEmulatorOptions>;
  /** Faults to arm when the venue's clock reaches a time (see {@link VenueSchedule}). */
  readonly arm?: (schedule: VenueSchedule, venue: VenueEmulator) => void;
  /** The broker; default: ccxt.binance on the venue through `createCcxtBroker`. */
  readonly broker?: (venue: VenueEmulator) => Broker;
  /** ccxt constructor overrides (e.g. `timeout`). */
  readonly ccxt?: Record<string, unknown>;
  readonly config?: Partial<CandlewickConfig>;
  readonly persist?: PersistAdapter;
  /** `Live.run` options of the runs (e.g. `reconcileEveryMs`). */
  readonly live?: LiveRunExtras;
  /** Wraps the broker the runs get (after recording), e.g. to act at the venue at a replayed time. */
  readonly wrapBroker?: (broker: Broker, now: () => number) => Broker;
}

/** The `Live.run` options a venue test may set. */
export interface LiveRunExtras {
  readonly reconcileEveryMs?: number | false;
}

/** ccxt's real binance class pointed at the venue, not throttled (the venue's faults are the only limits). */
export function binanceOn(
  venue: VenueEmulator,
  clock: () => number,
  overrides: Record<string, unknown> = {},
) {
  // ccxt signs with the replay's clock: the venue's own clock only catches up when a request arrives, so
  // signing with it would stamp the first request of every tick a minute in the past (Binance's -1021).
  const exchange = new ccxt.binance(
    binanceCcxtConfig(venue, {
      enableRateLimit: false,
      // Long enough for a loaded machine: a normal answer timing out would be a fault the test did not inject.
      timeout: 10_000,
      milliseconds: clock,
      ...overrides,
    }) as never,
  );
  useBinanceSpotErrorTable(exchange as never);
  return exchange;
}

/**
 * One `Live.run` per symbol on a replay of the real candles, all attached to one replay clock, trading through
 * ccxt.binance against a venue emulator that follows that clock (before each request the venue catches up with
 * the replay's now, applying the candles that closed). Resolves once every run has ended.
 */
export async function runOnVenue(options: VenueRunOptions): Promise<VenueRun> {
  const start = options.start ?? START;
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "csv", dir: DATA_DIR, priceDecimals: 2, quantityDecimals: 4 }),
    exchangeName: "replay",
    startDate: new Date(start),
    endDate: new Date(options.end),
  });
  const schedule = new VenueSchedule(() => replay.clock.now());
  const venue = createVenueEmulator({
    apiKey: API_KEY,
    secret: SECRET,
    candles: Object.fromEntries(options.symbols.map((symbol) => [symbol, csvOf(symbol)])),
    balances: { USDT: "10000" },
    startTime: start,
    clock: () => schedule.now(),
    ...options.venue,
  });
  await venue.start();
  try {
    options.arm?.(schedule, venue);
    // ccxt reads its clock to sign every request: the venue catches up with the replay there too. The emulator's
    // `clock` option alone is not enough: it is read for requests the venue reads, and a connection refused while
    // the network is down is never read, so an outage ending at a venue time would never end.
    const signingClock = () => {
      const now = schedule.now();
      venue.advanceTo(now);
      return now;
    };
    const recorded = recordingBroker(
      options.broker?.(venue) ??
        createCcxtBroker({ exchange: binanceOn(venue, signingClock, options.ccxt) as never }),
      () => replay.clock.now(),
    );
    const { results, errors } = await liveRuns({
      strategy: options.strategy,
      symbols: options.symbols,
      replay,
      broker: options.wrapBroker?.(recorded.broker, () => replay.clock.now()) ?? recorded.broker,
      ...(options.live === undefined ? {} : { live: options.live }),
      config: options.config ?? VENUE_LIKE_CONFIG,
      persist: options.persist ?? createMemoryPersist(),
    });
    return { results, errors, venue, schedule, calls: recorded.calls };
  } catch (error) {
    await venue.stop();
    throw error;
  }
}

/** The same runs on a replay without a venue: `broker` absent is paper trading on the fill model. */
export async function runPaper(options: {
  readonly strategy: StrategySchema;
  readonly symbols: readonly string[];
  readonly end: number;
  readonly start?: number;
  readonly broker?: Broker;
  readonly config?: Partial<CandlewickConfig>;
}): Promise<Pick<VenueRun, "results" | "errors">> {
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "csv", dir: DATA_DIR, priceDecimals: 2, quantityDecimals: 4 }),
    exchangeName: "replay",
    startDate: new Date(options.start ?? START),
    endDate: new Date(options.end),
  });
  return liveRuns({
    strategy: options.strategy,
    symbols: options.symbols,
    replay,
    broker: options.broker,
    config: options.config ?? VENUE_LIKE_CONFIG,
    persist: createMemoryPersist(),
  });
}

async function liveRuns(options: {
  readonly strategy: StrategySchema;
  readonly symbols: readonly string[];
  readonly replay: ReturnType<typeof createReplay>;
  readonly broker: Broker | undefined;
  readonly config: Partial<CandlewickConfig>;
  readonly persist: PersistAdapter;
  readonly live?: LiveRunExtras;
}): Promise<Pick<VenueRun, "results" | "errors">> {
  const engine = createEngine({ config: options.config });
  engine.addExchange(options.replay.exchange);
  engine.addStrategy(options.strategy);
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results = new Map<string, LiveResult[]>();
  await Promise.all(
    options.symbols.map(async (symbol) => {
      const out: LiveResult[] = [];
      results.set(symbol, out);
      const run = engine.Live.run(symbol, {
        strategyName: options.strategy.strategyName,
        exchangeName: "replay",
        persist: options.persist,
        ...(options.broker === undefined ? {} : { broker: options.broker }),
        ...options.live,
      });
      try {
        for await (const result of run) out.push(result);
      } catch (error) {
        errors.push(error as Error);
      }
    }),
  );
  await engine.dispose();
  return { results, errors };
}

export const closedOf = (results: readonly LiveResult[] | undefined) =>
  (results ?? []).filter((result): result is ClosedResult => result.action === "closed");
