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
}

const optionsSchema = z.object({
  source: z.custom<ExchangeSchema>(
    (v) => typeof v === "object" && v !== null && typeof (v as ExchangeSchema).getCandles === "function",
    "an exchange schema",
  ),
  exchangeName: z.string().min(1).optional(),
  startDate: z.date(),
  endDate: z.date(),
});

/**
 * A replay: history played back as live data at full speed. All live runs attached to its clock advance in
 * lockstep — time moves to the next wake-up only when every run is waiting — so runs on several symbols see the
 * same "now", as they would live.
 */
export function createReplay(options: ReplayOptions): Replay {
  const { source, exchangeName, startDate, endDate } = parseWithSchema(
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
  const sleepers: { at: number; resolve: (awake: boolean) => void }[] = [];

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
    const next = Math.min(...sleepers.map((sleeper) => sleeper.at));
    if (next > end) {
      for (const sleeper of sleepers.splice(0)) sleeper.resolve(false);
      return;
    }
    now = Math.max(now, next);
    for (let i = sleepers.length - 1; i >= 0; i--) {
      if (sleepers[i]!.at <= now) sleepers.splice(i, 1)[0]!.resolve(true);
    }
  };

  const clock: LiveClock = {
    now: () => now,
    sleepUntil(timestamp, abort) {
      if (abort?.aborted) return Promise.resolve(false);
      if (timestamp <= now) return Promise.resolve(true);
      return new Promise((resolve) => {
        const sleeper = {
          at: timestamp,
          resolve: (awake: boolean) => {
            abort?.removeEventListener("abort", onAbort);
            resolve(awake);
          },
        };
        const onAbort = () => {
          const index = sleepers.indexOf(sleeper);
          if (index >= 0) sleepers.splice(index, 1);
          resolve(false);
          // A run that stops waiting no longer holds the others back.
          scheduleAdvance();
        };
        abort?.addEventListener("abort", onAbort, { once: true });
        sleepers.push(sleeper);
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
  attachReplayClock(exchange, clock);
  return { exchange, clock };
}
