import { alignDown, MINUTE_MS } from "../candles/interval.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { reportError } from "../events/report-error.js";
import type { RunContext } from "../kernel/run-context.js";
import type { LiveClock } from "./live-clock.js";
import { type RetryPolicy, withRetry } from "./with-retry.js";

/** Candles loaded before "now" on the first tick, so typical look-backs need no second request. */
const WARMUP_MS = 24 * 60 * MINUTE_MS;

/** Bad candles dropped in one tick before the tick counts as failed: past that, the source is broken, not a candle. */
const MAX_DROPS_PER_TICK = 10;

/**
 * Loads the 1m candles a live tick at `when` needs, retrying retryable exchange errors (`retry`). A candle that
 * fails validation is dropped — that minute counts as missing, as when an exchange has no candle for it — and
 * reported on the error stream with its time and symbol (`CANDLE_DROPPED`); then the load goes on. Without this,
 * the same bad candle would fail every later load of its page and the run would never get past it.
 * `loadAheadUntil` (a prefetching replay's end): load up to then, as history, instead of up to `when`.
 * @throws the last error when the candles cannot be loaded (the tick then fails).
 */
export async function loadTickCandles(
  run: RunContext,
  when: number,
  clock: LiveClock,
  retry: RetryPolicy,
  loadAheadUntil?: number,
): Promise<void> {
  const feed = run.minuteFeed;
  const until = loadAheadUntil === undefined ? when : Math.max(when, loadAheadUntil);
  const liveTail = loadAheadUntil === undefined;
  for (let drops = 0; ; drops++) {
    try {
      await withRetry(
        () => feed.ensure(when - WARMUP_MS, until, liveTail, run.config.getCandlesTimeoutMs),
        clock,
        retry,
        (error) => reportError(error, run, "retrying the candle request"),
      );
      return;
    } catch (error) {
      const timestamp = badCandleTime(error);
      if (timestamp === undefined || feed.dropped.has(timestamp) || drops >= MAX_DROPS_PER_TICK) throw error;
      feed.dropped.add(timestamp);
      reportError(candleDropped(run, timestamp, error as Error), run);
    }
  }
}

/** True when the tick at `when` has its candles already (a prefetching replay's, nearly always): nothing to await. */
export function tickCandlesLoaded(run: RunContext, when: number): boolean {
  return run.minuteFeed.covers(alignDown(when - WARMUP_MS, MINUTE_MS), alignDown(when, MINUTE_MS));
}

/** The open time of the candle a validation error is about, when it has a usable one. */
function badCandleTime(error: unknown): number | undefined {
  if (!CandlewickError.isInstance(error) || error.code !== "EXCHANGE_ERROR") return undefined;
  const candle = error.details.candle as { timestamp?: unknown } | null | undefined;
  const timestamp = typeof candle === "object" && candle !== null ? candle.timestamp : undefined;
  return typeof timestamp === "number" && Number.isFinite(timestamp) ? timestamp : undefined;
}

function candleDropped(run: RunContext, timestamp: number, cause: Error): CandlewickError {
  const iso = new Date(timestamp).toISOString();
  return new CandlewickError(
    "CANDLE_DROPPED",
    `[core] live run of "${run.strategyName}": the 1m candle at ${iso} for ${run.symbol} failed validation and was dropped; that minute counts as missing (${cause.message})`,
    {
      details: {
        strategyName: run.strategyName,
        symbol: run.symbol,
        exchangeName: run.exchangeName,
        timestamp,
      },
      cause,
    },
  );
}
