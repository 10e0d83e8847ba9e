import type { ClosedResult } from "../tick-result.js";
import type { RunCosts } from "./run-costs.js";
import type { TradeStatistics } from "./trade-statistics.js";

/** `Backtest.getData`: the statistics of a strategy's trades, plus the trades themselves. JSON-serialisable. */
export interface BacktestData extends TradeStatistics {
  readonly strategyName: string;
  /** The symbols the statistics cover. */
  readonly symbols: readonly string[];
  /** Every closed trade, in close order. */
  readonly signalList: readonly ClosedResult[];
  /**
   * The fees, slippage and fill model the PnL was computed with: one entry, or one per distinct setting when the
   * pooled symbols ran with different ones.
   */
  readonly costs: readonly RunCosts[];
}
