import type { Candle } from "@candlewick/core";

/** Merges two candle lists sorted by open time; on equal open times the incoming candle replaces the stored one. */
export function mergeCandles(stored: readonly Candle[], incoming: readonly Candle[]): Candle[] {
  if (incoming.length === 0) return [...stored];
  const sorted = [...incoming].sort((a, b) => a.timestamp - b.timestamp);
  // Downloads append in time order: skip the map and the sort in that common case.
  if (stored.length === 0 || sorted[0]!.timestamp > stored.at(-1)!.timestamp) return [...stored, ...sorted];
  const byTime = new Map<number, Candle>();
  for (const candle of stored) byTime.set(candle.timestamp, candle);
  for (const candle of sorted) byTime.set(candle.timestamp, candle);
  return [...byTime.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** Index of the first candle whose open time is >= `time` (binary search over candles sorted by open time). */
export function firstAtOrAfter(candles: readonly Candle[], time: number): number {
  let low = 0;
  let high = candles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (candles[middle]!.timestamp < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
