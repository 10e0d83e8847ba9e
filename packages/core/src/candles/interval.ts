import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { CANDLE_INTERVALS, type CandleInterval } from "../spec/interval.js";

const MINUTE = 60_000;

/** Milliseconds per interval. */
export const INTERVAL_MS: Readonly<Record<CandleInterval, number>> = Object.freeze({
  "1m": MINUTE,
  "3m": 3 * MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": 60 * MINUTE,
  "2h": 120 * MINUTE,
  "4h": 240 * MINUTE,
  "6h": 360 * MINUTE,
  "8h": 480 * MINUTE,
  "12h": 720 * MINUTE,
  "1d": 1440 * MINUTE,
});

/** True when `value` is one of the intervals the core supports. */
export function isCandleInterval(value: unknown): value is CandleInterval {
  return typeof value === "string" && Object.hasOwn(INTERVAL_MS, value);
}

/** Milliseconds of `interval`, or an InvalidArgumentError naming `field` when it is not a supported interval. */
export function intervalToMs(interval: unknown, component = "core", field = "interval"): number {
  if (!isCandleInterval(interval)) {
    throw new InvalidArgumentError(component, field, interval, `one of ${CANDLE_INTERVALS.join(", ")}`);
  }
  return INTERVAL_MS[interval];
}

/** Start of the interval that contains `timestamp` (intervals are aligned to the UTC epoch). */
export function alignDown(timestamp: number, stepMs: number): number {
  return Math.floor(timestamp / stepMs) * stepMs;
}
