import type { CandleInterval } from "@candlewick/core";

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Length of one candle of `interval`, in milliseconds ("15m" → 900000). */
export function intervalMs(interval: CandleInterval): number {
  const unit = UNIT_MS[interval.slice(-1)];
  const count = Number(interval.slice(0, -1));
  if (unit === undefined || !Number.isInteger(count) || count <= 0) {
    throw new RangeError(`unknown candle interval "${interval}"`);
  }
  return unit * count;
}

/** The first multiple of `step` at or after `time`. Every core interval divides a UTC day, so epoch multiples are open times. */
export function alignUp(time: number, step: number): number {
  return Math.ceil(time / step) * step;
}

/** The last multiple of `step` at or before `time`. */
export function alignDown(time: number, step: number): number {
  return Math.floor(time / step) * step;
}
