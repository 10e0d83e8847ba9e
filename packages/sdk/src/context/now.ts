import { getDate } from "@candlewick/core";

/** The current execution time: virtual in backtests, the clock's in live runs. Call it inside a run. */
export function now(): Date {
  return getDate();
}
