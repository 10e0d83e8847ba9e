import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import type { WalkerMetric } from "../statistics/walker-metric.js";

/** What `Walker.run` yields and `listenWalker` receives after each strategy's backtest. */
export interface WalkerProgress {
  readonly walkerName: string;
  readonly symbol: string;
  readonly metric: WalkerMetric;
  /** The strategy that just finished. */
  readonly strategyName: string;
  readonly strategiesTested: number;
  readonly totalStrategies: number;
  /** strategiesTested / totalStrategies, 0..1. */
  readonly progress: number;
  /** Best strategy among those tested so far; null while none has a value for the metric. */
  readonly bestStrategy: string | null;
  readonly bestMetric: number | null;
  /** The finished strategy's value of the metric (null when unavailable). */
  readonly metricValue: number | null;
  /** The finished strategy's statistics on this symbol. */
  readonly stats: TradeStatistics;
}
