import type { RunCosts } from "./run-costs.js";
import type { TradeStatistics } from "./trade-statistics.js";
import type { MetricDirection, WalkerMetric } from "./walker-metric.js";

/** One compared strategy in {@link WalkerData}. */
export interface WalkerStrategyResult {
  /** 1 = best. Strategies with equal values keep the walker's `strategies` order. */
  readonly rank: number;
  readonly strategyName: string;
  /** `stats[metric]`; null when the metric is unavailable (the reason is in `stats.unavailable`). */
  readonly metricValue: number | null;
  readonly stats: TradeStatistics;
}

/**
 * `Walker.getData`: every tested strategy with its statistics, best first. A plain JSON value with no timing in
 * it, so a parallel run and a sequential run of the same walker produce identical data.
 */
export interface WalkerData {
  readonly walkerName: string;
  /** The symbols the statistics cover (one, or every symbol the walker ran on). */
  readonly symbols: readonly string[];
  readonly exchangeName: string;
  readonly frameName: string;
  readonly metric: WalkerMetric;
  readonly metricLabel: string;
  readonly metricDirection: MetricDirection;
  /** Strategies the walker compares. */
  readonly totalStrategies: number;
  /** Strategies with results (fewer than `totalStrategies` while running or after a cancel). */
  readonly strategiesTested: number;
  /** The rank-1 strategy, or null when no strategy has a value for the metric (a null never wins). */
  readonly bestStrategy: string | null;
  readonly bestMetric: number | null;
  /** The fees, slippage and fill model the strategies were tested with (one entry per distinct setting). */
  readonly costs: readonly RunCosts[];
  /** Sorted by the metric, best first; null values last. */
  readonly strategies: readonly WalkerStrategyResult[];
}
