import type { ClosedResult } from "../tick-result.js";
import type { RunCosts } from "./run-costs.js";
import type { TradeStatistics } from "./trade-statistics.js";

/**
 * The compounded equity curve of a backtest's trades as columns (same index), the curve `compoundedReturn` and
 * `maxDrawdown` are computed from: point 0 is the period's start at equity 1, then one point per closed trade, in
 * `signalList` order, at its `closeTimestamp`. Plain arrays, so the data is JSON.
 */
export interface TradeEquityCurve {
  /** Epoch ms: the period's start, then each trade's close. */
  readonly timestamps: readonly number[];
  /** Equity as a growth factor starting at 1 (1.05 = +5%), after each close. */
  readonly equity: readonly number[];
  /** (running peak − equity) / running peak × 100 after each close; the first peak is 1. */
  readonly drawdownPercent: readonly number[];
  /**
   * The drawdown at the trade's worst point (`troughPercentage`) just before its close, against the same
   * running peak (0 at point 0). `maxDrawdown` is the largest value of this and `drawdownPercent`.
   */
  readonly troughDrawdownPercent: readonly number[];
}

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
  /** The compounded equity and drawdown after each trade (see {@link TradeEquityCurve}). */
  readonly equityCurve: TradeEquityCurve;
}
