import type { ExchangeSchema } from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";

const MINUTE = MINUTE_MS;

/** Open times of the first and the last 1m candle an exchange has for a symbol, or null when it has none. */
export interface CandleCoverage {
  readonly first: number;
  readonly last: number;
}

/**
 * What an exchange's 1m data covers for a symbol, for error messages ("the data covers …"). The first candle is
 * the first one since the epoch; the last is found by bisection on "is there a candle at or after t" (about 25
 * one-candle requests), since the exchange contract has no "last candle" call. Gaps inside are not reported.
 */
export async function candleCoverage(
  exchange: ExchangeSchema,
  symbol: string,
): Promise<CandleCoverage | null> {
  const at = async (since: number) => (await exchange.getCandles(symbol, "1m", new Date(since), 1))[0];
  const first = await at(0);
  if (first === undefined) return null;
  // Invariant: a candle opens at or after `low`; none at or after `high`.
  let low = first.timestamp;
  let high = Math.max(low + MINUTE, Math.ceil(Date.now() / MINUTE) * MINUTE + MINUTE);
  while (high - low > MINUTE) {
    const middle = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE)) * MINUTE;
    const candle = await at(middle);
    if (candle === undefined) high = middle;
    else low = candle.timestamp;
  }
  return { first: first.timestamp, last: low };
}

/** `2025-06-01T00:00:00Z .. 2025-06-10T23:59:00Z`, or "no 1m candles at all". */
export function describeCoverage(coverage: CandleCoverage | null): string {
  if (coverage === null) return "the exchange has no 1m candles for it at all";
  return `the data covers ${isoMinute(coverage.first)} .. ${isoMinute(coverage.last)}`;
}

/** ISO time without milliseconds. */
export function isoMinute(time: number): string {
  return new Date(time).toISOString().replace(".000Z", "Z");
}
