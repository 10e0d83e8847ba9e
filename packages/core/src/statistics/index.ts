export type {
  NullableStatisticName,
  TradeStatistics,
  TradeStatisticsValues,
} from "../spec/reports/trade-statistics.js";
export type { CapitalStatisticsOptions } from "./capital/capital-statistics-options.js";
export { computeCapitalStatistics } from "./capital/compute-capital-statistics.js";
export { drawdownSeries } from "./capital/drawdown-series.js";
export { type BreakdownTrade, tradeBreakdown } from "./capital/trade-breakdown.js";
export { computeStatistics } from "./compute-statistics.js";
export {
  DEFAULT_MIN_TRADES_FOR_RATIOS,
  DEFAULT_PERIODS_PER_YEAR,
  type StatisticsOptions,
} from "./statistics-options.js";
export { tradeEquityCurve } from "./trade-equity-curve.js";
export {
  compareMetric,
  DEFAULT_WALKER_METRIC,
  isWalkerMetric,
  type MetricDirection,
  WALKER_METRICS,
  type WalkerMetric,
  type WalkerMetricInfo,
} from "./walker-metric.js";
