import type { Candle } from "@candlewick/core";

/** Builds the error thrown for bad data: the adapter throws `ExchangeError`, the CSV import `InvalidArgumentError`. */
export type CandleProblem = (message: string, details: Record<string, unknown>) => Error;

/**
 * Candles as the rest of Candlewick may trust them: sorted by open time, exact duplicates dropped (pages that
 * overlap repeat a candle), every open time aligned to `step`, every value finite, prices > 0, volume >= 0,
 * `low <= min(open, close)` and `high >= max(open, close)`. Two different candles for the same open time, or
 * any insane value, throw through `problem`: corrupt data is worse than no data.
 */
export function validateCandles(candles: readonly Candle[], step: number, problem: CandleProblem): Candle[] {
  const sorted = [...candles].sort((a, b) => a.timestamp - b.timestamp);
  const result: Candle[] = [];
  for (const candle of sorted) {
    const previous = result.at(-1);
    if (previous !== undefined && previous.timestamp === candle.timestamp) {
      if (sameCandle(previous, candle)) continue;
      throw problem(
        `two different candles for ${isoTime(candle.timestamp)}: ${describe(previous)} and ${describe(candle)}`,
        { timestamp: candle.timestamp },
      );
    }
    const issue = candleIssue(candle, step);
    if (issue !== undefined) {
      throw problem(`bad candle at ${isoTime(candle.timestamp)}: ${issue} (${describe(candle)})`, {
        timestamp: candle.timestamp,
        issue,
      });
    }
    result.push(candle);
  }
  return result;
}

function candleIssue(candle: Candle, step: number): string | undefined {
  const { timestamp, open, high, low, close, volume } = candle;
  for (const [name, value] of Object.entries({ timestamp, open, high, low, close, volume })) {
    if (!Number.isFinite(value)) return `${name} is not a finite number`;
  }
  if (!Number.isInteger(timestamp) || timestamp % step !== 0) return `open time is not aligned to ${step} ms`;
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return "a price is not positive";
  if (volume < 0) return "volume is negative";
  if (low > Math.min(open, close)) return "low is above open or close";
  if (high < Math.max(open, close)) return "high is below open or close";
  return undefined;
}

function sameCandle(a: Candle, b: Candle): boolean {
  return (
    a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume
  );
}

function describe(candle: Candle): string {
  return `o=${candle.open} h=${candle.high} l=${candle.low} c=${candle.close} v=${candle.volume}`;
}

function isoTime(timestamp: number): string {
  return Number.isFinite(timestamp) ? new Date(timestamp).toISOString() : String(timestamp);
}
