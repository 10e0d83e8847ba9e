import type { CandleStore } from "../candles/candle-store.js";

/**
 * VWAP of the candles `[end − count, end)` of a store: Σ(typical·volume)/Σvolume with typical = (H+L+C)/3.
 * With zero total volume it falls back to the mean close. NaN when the range is empty.
 */
export function vwapOf(store: CandleStore, end: number, count: number): number {
  const start = Math.max(0, end - count);
  let weighted = 0;
  let volume = 0;
  let closes = 0;
  for (let i = start; i < end; i++) {
    const v = store.volume[i]!;
    weighted += ((store.high[i]! + store.low[i]! + store.close[i]!) / 3) * v;
    volume += v;
    closes += store.close[i]!;
  }
  if (end <= start) return Number.NaN;
  return volume > 0 ? weighted / volume : closes / (end - start);
}
