import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { CANDLE_INTERVALS, type CandleInterval } from "../spec/interval.js";

/** Milliseconds in a minute: the length of a 1m candle, the unit every interval is a multiple of. */
export const MINUTE_MS = 60_000;

/** Milliseconds per interval. */
export const INTERVAL_MS: Readonly<Record<CandleInterval, number>> = Object.freeze({
  "1m": MINUTE_MS,
  "3m": 3 * MINUTE_MS,
  "5m": 5 * MINUTE_MS,
  "15m": 15 * MINUTE_MS,
  "30m": 30 * MINUTE_MS,
  "1h": 60 * MINUTE_MS,
  "2h": 120 * MINUTE_MS,
  "4h": 240 * MINUTE_MS,
  "6h": 360 * MINUTE_MS,
  "8h": 480 * MINUTE_MS,
  "12h": 720 * MINUTE_MS,
  "1d": 1440 * MINUTE_MS,
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

/** The first multiple of `stepMs` at or after `timestamp`: the open time of the first whole interval from there. */
export function alignUp(timestamp: number, stepMs: number): number {
  return Math.ceil(timestamp / stepMs) * stepMs;
}

/** Start of the interval that contains `timestamp` (intervals are aligned to the UTC epoch). */
export function alignDown(timestamp: number, stepMs: number): number {
  return Math.floor(timestamp / stepMs) * stepMs;
}
