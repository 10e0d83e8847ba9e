import { z } from "zod";
import { alignDown, INTERVAL_MS } from "../candles/interval.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { Candle } from "../spec/candle.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import type { LiveClock } from "./live-clock.js";
import { attachReplayClock } from "./replay-clocks.js";

/** A historical feed served as if it were arriving now, with the virtual clock that drives it. */
export interface Replay {
  /**
   * Register this (`addExchange(replay.exchange)`): it only serves candles closed by the virtual now, and live
   * runs on it use the replay's clock by default.
   */
  readonly exchange: ExchangeSchema;
  /** Pass this as `clock` to `Live.run` / `Live.background`. */
  readonly clock: LiveClock;
}

/** A live run waiting for virtual time `at`. */
interface Sleeper {
  readonly at: number;
  readonly abort: AbortSignal | undefined;
  readonly resolve: (awake: boolean) => void;
}

/** Options of `createReplay`. */
export interface ReplayOptions {
  /** The historical source, e.g. `createCsvExchange(...)`. */
  readonly source: ExchangeSchema;
  /** Name to register the replay exchange under. Default `"<source>-replay"`. */
  readonly exchangeName?: string;
  /** Virtual time at which the replay starts. */
  readonly startDate: Date;
  /** Virtual time at which it ends: sleeping past it tells the live runs to stop. */
  readonly endDate: Date;
  /**
   * Load each live run's 1m candles from the source in large pages, from its first tick's warm-up to `endDate`,
   * as a backtest does, instead of asking the replayed exchange every tick for the candle that just closed.
   * Strategies and fills still see only candles closed by the tick's time. Much faster for paper trading on
   * history; but the source is then asked a few times in all, so faults it injects per call or by time no longer
   * line up with ticks, and a candle failing validation is dropped (and reported) when loaded, at the first tick.
   * Runs given a clock other than the replay's load tick by tick. Default false.
   */
  readonly prefetch?: boolean;
}

const optionsSchema = z.object({
  source: z.custom<ExchangeSchema>(
    (v) => typeof v === "object" && v !== null && typeof (v as ExchangeSchema).getCandles === "function",
    "an exchange schema",
  ),
  exchangeName: z.string().min(1).optional(),
  startDate: z.date(),
  endDate: z.date(),
  prefetch: z.boolean().optional(),
});

/**
 * A replay: history played back as live data at full speed. All live runs attached to its clock advance in
 * lockstep — time moves to the next wake-up only when every run is waiting — so runs on several symbols see the
 * same "now", as they would live.
 */
export function createReplay(options: ReplayOptions): Replay {
  const { source, exchangeName, startDate, endDate, prefetch } = parseWithSchema(
    "createReplay",
    optionsSchema,
    options,
  );
  const end = endDate.getTime();
  let now = startDate.getTime();
  if (end <= now) {
    throw new InvalidArgumentError(
      "createReplay",
      "endDate",
      endDate,
      `a time after startDate (${startDate.toISOString()})`,
    );
  }
  let attached = 0;
  // Unordered; each step scans it once (O(runs)), where a splice per woken run made a step O(runs²).
  let sleepers: Sleeper[] = [];
  let spare: Sleeper[] = [];

  // At most one advance is pending, as a macrotask: each step of virtual time is then one turn of the event loop,
  // so timers, I/O and async listeners get their turn between ticks. (One immediate per sleeper used to pile up
  // in the check phase, which then ran the whole replay in one turn: a 100 ms interval fired 3 times in 4.6 s.)
  let advancePending = false;
  const scheduleAdvance = () => {
    if (advancePending) return;
    advancePending = true;
    setImmediate(() => {
      advancePending = false;
      advance();
    });
  };

  const advance = () => {
    if (attached === 0 || sleepers.length < attached) return;
    let next = Number.POSITIVE_INFINITY;
    for (const sleeper of sleepers) if (sleeper.at < next) next = sleeper.at;
    const waiting = sleepers;
    sleepers = spare;
    spare = waiting;
    if (next > end) {
      for (const sleeper of waiting) sleeper.resolve(false);
    } else {
      now = Math.max(now, next);
      for (const sleeper of waiting) if (sleeper.at > now) sleepers.push(sleeper);
      // Woken last-asleep first: the order in which runs have always taken a step.
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]!.at <= now) waiting[i]!.resolve(true);
      }
    }
    waiting.length = 0;
  };

  // One listener per abort signal for the replay's lifetime, instead of one added and removed per sleep.
  const watched = new WeakSet<AbortSignal>();
  const watch = (abort: AbortSignal) => {
    if (watched.has(abort)) return;
    watched.add(abort);
    abort.addEventListener(
      "abort",
      () => {
        const waiting = sleepers;
        sleepers = [];
        for (const sleeper of waiting) {
          if (sleeper.abort === abort) sleeper.resolve(false);
          else sleepers.push(sleeper);
        }
        // A run that stops waiting no longer holds the others back.
        scheduleAdvance();
      },
      { once: true },
    );
  };

  const clock: LiveClock = {
    now: () => now,
    sleepUntil(timestamp, abort) {
      if (abort?.aborted) return Promise.resolve(false);
      if (timestamp <= now) return Promise.resolve(true);
      if (abort !== undefined) watch(abort);
      return new Promise((resolve) => {
        sleepers.push({ at: timestamp, abort, resolve });
        // Let the other runs reach their own sleep before time moves.
        scheduleAdvance();
      });
    },
    delay: () => Promise.resolve(),
    attach: () => {
      attached++;
    },
    detach: () => {
      attached--;
      scheduleAdvance();
    },
  };

  const exchange: ExchangeSchema = {
    exchangeName: exchangeName ?? `${source.exchangeName}-replay`,
    ...(source.maxCandlesPerRequest === undefined
      ? {}
      : { maxCandlesPerRequest: source.maxCandlesPerRequest }),
    async getCandles(symbol, interval, since, limit) {
      const closedBefore = alignDown(now, INTERVAL_MS[interval]);
      const candles = await source.getCandles(symbol, interval, since, limit);
      return candles.filter((candle: Candle) => candle.timestamp < closedBefore);
    },
    ...(source.formatPrice ? { formatPrice: source.formatPrice.bind(source) } : {}),
    ...(source.formatQuantity ? { formatQuantity: source.formatQuantity.bind(source) } : {}),
  };
  // The source as it is, under the replay's name: what a prefetching replay's runs load ahead from.
  const history = prefetch
    ? {
        exchange: {
          exchangeName: exchange.exchangeName,
          ...(source.maxCandlesPerRequest === undefined
            ? {}
            : { maxCandlesPerRequest: source.maxCandlesPerRequest }),
          getCandles: source.getCandles.bind(source),
        },
        endMs: end,
      }
    : undefined;
  attachReplayClock(exchange, clock, history);
  return { exchange, clock };
}
