import type { TradeStatisticsValues } from "@candlewick/core";
import type { StatisticKind } from "./statistic-kinds.js";

/** A statistic shown as a column when strategies or symbols are compared side by side. */
export interface ComparisonColumn {
  readonly key: keyof TradeStatisticsValues;
  /** Short header (the table is wide). */
  readonly header: string;
  readonly kind: StatisticKind;
}

/** The columns of the walker comparison and the heat map: every metric the walker can rank by, and a few more. */
export const COMPARISON_COLUMNS: readonly ComparisonColumn[] = [
  { key: "tradeCount", header: "Trades", kind: "count" },
  { key: "winRate", header: "Win rate", kind: "percent" },
  { key: "totalPnl", header: "Total PnL", kind: "signedPercent" },
  { key: "avgPnl", header: "Avg PnL", kind: "signedPercent" },
  { key: "compoundedReturn", header: "Compounded", kind: "signedPercent" },
  { key: "maxDrawdown", header: "Max drawdown", kind: "percent" },
  { key: "sharpeRatio", header: "Sharpe", kind: "ratio" },
  { key: "annualizedSharpeRatio", header: "Sharpe (ann.)", kind: "ratio" },
  { key: "sortinoRatio", header: "Sortino", kind: "ratio" },
  { key: "calmarRatio", header: "Calmar", kind: "ratio" },
  { key: "profitFactor", header: "Profit factor", kind: "ratio" },
  { key: "certaintyRatio", header: "Certainty", kind: "ratio" },
  { key: "expectancy", header: "Expectancy", kind: "signedPercent" },
  { key: "expectedYearlyReturns", header: "CAGR", kind: "signedPercent" },
  { key: "sqn", header: "SQN", kind: "ratio" },
  { key: "exposure", header: "Exposure", kind: "percent" },
];
