import type { MetricDirection, WalkerMetric } from "../spec/reports/walker-metric.js";

export type { MetricDirection, WalkerMetric };

/** How the Walker ranks strategies by one metric. */
export interface WalkerMetricInfo {
  /** "higher": the largest value wins; "lower": the smallest value wins. */
  readonly direction: MetricDirection;
  /** Human-readable name for tables and reports. */
  readonly label: string;
}

/**
 * The `TradeStatistics` fields the Walker can rank strategies by, each with its direction and label.
 * Every key is a field of `TradeStatistics`, so `stats[metric]` reads the value.
 */
export const WALKER_METRICS = {
  sharpeRatio: { direction: "higher", label: "Sharpe ratio (per trade)" },
  annualizedSharpeRatio: { direction: "higher", label: "Annualised Sharpe ratio (daily)" },
  winRate: { direction: "higher", label: "Win rate (%)" },
  avgPnl: { direction: "higher", label: "Average PnL per trade (%)" },
  totalPnl: { direction: "higher", label: "Total PnL (%, summed)" },
  certaintyRatio: { direction: "higher", label: "Certainty ratio (avg win / |avg loss|)" },
  expectedYearlyReturns: { direction: "higher", label: "Expected yearly return (CAGR, %)" },
  sortinoRatio: { direction: "higher", label: "Sortino ratio (daily, annualised)" },
  calmarRatio: { direction: "higher", label: "Calmar ratio" },
  profitFactor: { direction: "higher", label: "Profit factor" },
  maxDrawdown: { direction: "lower", label: "Max drawdown (%)" },
  expectancy: { direction: "higher", label: "Expectancy (% per trade)" },
} as const satisfies Record<WalkerMetric, WalkerMetricInfo>;

/** The metric the Walker ranks by when none is given. */
export const DEFAULT_WALKER_METRIC: WalkerMetric = "sharpeRatio";

/** True when `value` names a {@link WalkerMetric}, e.g. to validate a walker schema. */
export function isWalkerMetric(value: unknown): value is WalkerMetric {
  return typeof value === "string" && Object.hasOwn(WALKER_METRICS, value);
}

/**
 * Comparator for ranking strategies by `metric`, best first: `rows.sort((a, b) => compareMetric(m, a.v, b.v))`.
 * Negative when `a` ranks before `b`. A null value (metric unavailable) always ranks after any number, in
 * either direction, so a strategy without a value never wins; two nulls tie.
 */
export function compareMetric(metric: WalkerMetric, a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (a === b) return 0;
  const aFirst = WALKER_METRICS[metric].direction === "higher" ? a > b : a < b;
  return aFirst ? -1 : 1;
}
