import type { Candle, CandleInterval } from "@candlewick/core";

/**
 * Candles missing between two candles the exchange did return: `[from, to)` holds `missing` open times that
 * have no candle (an exchange outage, a trading halt). Candlewick reports gaps and never fills them.
 */
export interface CandleGap {
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** Open time of the first missing candle (epoch ms). */
  readonly from: number;
  /** Open time of the candle after the gap (epoch ms). */
  readonly to: number;
  readonly missing: number;
}

/** The gaps inside a sorted run of candles. Missing candles before the first or after the last are not gaps. */
export function findCandleGaps(
  candles: readonly Candle[],
  symbol: string,
  interval: CandleInterval,
  step: number,
): CandleGap[] {
  const gaps: CandleGap[] = [];
  for (let index = 1; index < candles.length; index++) {
    const from = candles[index - 1]!.timestamp + step;
    const to = candles[index]!.timestamp;
    if (to > from) gaps.push({ symbol, interval, from, to, missing: (to - from) / step });
  }
  return gaps;
}
