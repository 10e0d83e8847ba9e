import type { TradeStatisticsValues } from "@candlewick/core";
import type { StatisticKind } from "./statistic-kinds.js";

/** One line of a statistics summary: which field, its label and how it is shown. */
export interface StatisticRow {
  readonly key: keyof TradeStatisticsValues;
  readonly label: string;
  readonly kind: StatisticKind;
}

/** Every field of `TradeStatistics`, in the order a summary lists them. */
export const STATISTIC_ROWS: readonly StatisticRow[] = [
  { key: "tradeCount", label: "Closed trades", kind: "count" },
  { key: "winCount", label: "Winning trades", kind: "count" },
  { key: "lossCount", label: "Losing trades", kind: "count" },
  { key: "breakevenCount", label: "Breakeven trades", kind: "count" },
  { key: "winRate", label: "Win rate", kind: "percent" },
  { key: "totalPnl", label: "Total PnL (sum of trades)", kind: "signedPercent" },
  { key: "compoundedReturn", label: "Compounded return", kind: "signedPercent" },
  { key: "avgPnl", label: "Average PnL per trade", kind: "signedPercent" },
  { key: "medianPnl", label: "Median PnL per trade", kind: "signedPercent" },
  { key: "stdDev", label: "Standard deviation of PnL", kind: "percent" },
  { key: "bestTrade", label: "Best trade", kind: "signedPercent" },
  { key: "worstTrade", label: "Worst trade", kind: "signedPercent" },
  { key: "avgWin", label: "Average win", kind: "signedPercent" },
  { key: "avgLoss", label: "Average loss", kind: "signedPercent" },
  { key: "avgPeakPnl", label: "Average peak while open (MFE)", kind: "signedPercent" },
  { key: "avgTroughPnl", label: "Average trough while open (MAE)", kind: "signedPercent" },
  { key: "sharpeRatio", label: "Sharpe ratio (per trade)", kind: "ratio" },
  { key: "annualizedSharpeRatio", label: "Sharpe ratio (daily, annualised)", kind: "ratio" },
  { key: "sortinoRatio", label: "Sortino ratio (daily, annualised)", kind: "ratio" },
  { key: "maxDrawdown", label: "Max drawdown", kind: "percent" },
  { key: "calmarRatio", label: "Calmar ratio", kind: "ratio" },
  { key: "expectedYearlyReturns", label: "Expected yearly return (CAGR)", kind: "signedPercent" },
  { key: "certaintyRatio", label: "Certainty ratio (average win / average loss)", kind: "ratio" },
  { key: "profitFactor", label: "Profit factor", kind: "ratio" },
  { key: "expectancy", label: "Expectancy per trade", kind: "signedPercent" },
  { key: "sqn", label: "System quality number (SQN)", kind: "ratio" },
  { key: "exposure", label: "Exposure (time in market)", kind: "percent" },
  { key: "avgDurationMinutes", label: "Average trade duration", kind: "minutes" },
  { key: "tradesPerYear", label: "Trades per year", kind: "decimal" },
  { key: "maxConsecutiveWins", label: "Longest winning streak", kind: "count" },
  { key: "maxConsecutiveLosses", label: "Longest losing streak", kind: "count" },
  { key: "periodStart", label: "Period start (UTC)", kind: "timestamp" },
  { key: "periodEnd", label: "Period end (UTC)", kind: "timestamp" },
  { key: "periodDays", label: "Period length", kind: "days" },
  { key: "periodsPerYear", label: "Periods per year (annualisation)", kind: "count" },
];
