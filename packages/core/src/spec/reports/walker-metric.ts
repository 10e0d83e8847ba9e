/** Which way a metric improves. */
export type MetricDirection = "higher" | "lower";

/**
 * A `TradeStatistics` field the Walker can rank strategies by (see `WALKER_METRICS` for each one's direction and
 * label).
 */
export type WalkerMetric =
  | "sharpeRatio"
  | "annualizedSharpeRatio"
  | "winRate"
  | "avgPnl"
  | "totalPnl"
  | "certaintyRatio"
  | "expectedYearlyReturns"
  | "sortinoRatio"
  | "calmarRatio"
  | "profitFactor"
  | "maxDrawdown"
  | "expectancy";
