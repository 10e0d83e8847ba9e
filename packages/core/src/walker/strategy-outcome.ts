import type { ClosedResult } from "../spec/tick-result.js";

/**
 * What one strategy's backtest on one symbol leaves behind: its closed trades and the tested period, exactly as
 * the backtest journal holds them. Plain data, so a worker thread can send it back as is.
 */
export interface StrategyOutcome {
  /** Position of the strategy in the walker's `strategies`. */
  readonly index: number;
  readonly strategyName: string;
  readonly trades: readonly ClosedResult[];
  readonly periodStart: number;
  readonly periodEnd: number;
}
