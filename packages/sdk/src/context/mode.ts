import { getMode } from "@candlewick/core";

/** `"backtest"` in backtests and walker runs, `"live"` in live runs. Call it inside a run. */
export function mode(): "backtest" | "live" {
  return getMode();
}
