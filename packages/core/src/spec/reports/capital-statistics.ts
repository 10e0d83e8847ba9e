/** One point of an account's equity curve: cash plus every open position marked to market. */
export interface EquitySample {
  /** Epoch ms. */
  readonly timestamp: number;
  /** Cash + Σ marked-to-market value of the open positions (quote). */
  readonly equity: number;
  /** Cash (quote): never negative without margin. */
  readonly cash: number;
  /** Σ cost basis of the open positions (quote). */
  readonly exposure: number;
  /** Positions open at that time. */
  readonly openPositions: number;
}

/** Metrics of {@link CapitalStatistics} that can be null; `unavailable` says why. */
export type NullableCapitalStatisticName =
  | "sharpeRatio"
  | "sortinoRatio"
  | "calmarRatio"
  | "cagrPercent"
  | "averageExposurePercent";

/**
 * Statistics on capital, computed from an equity curve in quote currency (not from per-trade percentages).
 *
 * The curve is a step function: at time t the equity is that of the last sample at or before t, and
 * `initialCapital` before the first sample. Ratios use simple daily returns of that curve over UTC calendar
 * days (the statistics README gives the exact sampling rule); null when undefined (fewer than two days, no
 * variation, …), with the reason in `unavailable`. Plain JSON: no NaN, no ±Infinity, no −0.
 */
export interface CapitalStatistics {
  readonly initialCapital: number;
  /** Equity of the last sample; `initialCapital` without samples. */
  readonly finalEquity: number;
  /** finalEquity − initialCapital (quote). */
  readonly netProfit: number;
  /** netProfit / initialCapital × 100. */
  readonly totalReturnPercent: number;
  /**
   * Compounded yearly growth over the period, in percent: ((finalEquity / initialCapital)^(365 / spanDays) − 1)
   * × 100, calendar days, no minimum period and no cap (as the trade statistics' `expectedYearlyReturns`);
   * −100 once the equity is at or below 0. Null for a zero-length period or when too large to represent.
   */
  readonly cagrPercent: number | null;
  /**
   * Largest fall of equity from a running peak over every sample, in percent of that peak. The first peak is
   * `initialCapital`. 0..100, above 100 only if the equity went below 0.
   */
  readonly maxDrawdownPercent: number;
  /** Largest fall of equity from a running peak, in quote currency (its own maximum: it may be a later fall). */
  readonly maxDrawdown: number;
  /**
   * Longest time below a previous peak, in minutes: from the first sample below the peak to the first sample
   * back at or above it, or to `periodEnd` if the equity never recovered.
   */
  readonly maxDrawdownDurationMinutes: number;
  /** Mean daily return / its sample standard deviation (divisor D − 1) × √periodsPerYear. */
  readonly sharpeRatio: number | null;
  /** Mean daily return / downside deviation √(Σ min(d, 0)² / D) × √periodsPerYear (target 0, over all days). */
  readonly sortinoRatio: number | null;
  /** cagrPercent / maxDrawdownPercent. */
  readonly calmarRatio: number | null;
  /**
   * Time-weighted mean of exposure / equity over the period, in percent; spans with equity ≤ 0 are left out.
   * Null for a zero-length period or when the equity is never positive.
   */
  readonly averageExposurePercent: number | null;
  /** Largest sample `exposure` (quote); 0 without samples. */
  readonly maxExposure: number;
  /** Largest sample `openPositions`; 0 without samples. */
  readonly maxOpenPositions: number;
  /** D: number of daily returns (calendar days of the period, the partial first and last days included). */
  readonly dailyReturnCount: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly periodsPerYear: number;
  readonly unavailable: Readonly<Partial<Record<NullableCapitalStatisticName, string>>>;
}

/** The drawdown of an equity curve at every sample, as columns (one entry per sample, same index). */
export interface DrawdownSeries {
  /** Epoch ms of each sample. */
  readonly timestamps: Float64Array;
  /** (running peak − equity) / running peak × 100 at each sample; the first peak is the initial capital. */
  readonly drawdownPercent: Float64Array;
  /** running peak − equity, in quote currency. */
  readonly drawdown: Float64Array;
}

/** Metrics of a {@link TradeBreakdownRow} that can be null; `unavailable` says why. */
export type NullableBreakdownMetricName = "winRate" | "returnOnInvestedPercent" | "shareOfNetPnlPercent";

/** The closed trades of one symbol, one strategy, or all of them, summed in quote currency. */
export interface TradeBreakdownRow {
  /** The symbol or strategy name; `"*"` for the total row. */
  readonly key: string;
  readonly trades: number;
  /** Trades with pnlCost > 0. */
  readonly wins: number;
  /** Trades with pnlCost < 0. */
  readonly losses: number;
  /** Σ pnlCost (quote, net of fees). */
  readonly netPnl: number;
  /** Σ fees (quote). */
  readonly fees: number;
  /** Σ invested: the entry value of the trades (quote). */
  readonly invested: number;
  /** netPnl / invested × 100. Null when nothing was invested. */
  readonly returnOnInvestedPercent: number | null;
  /** wins / (wins + losses) × 100; breakeven trades left out. Null with no win and no loss. */
  readonly winRate: number | null;
  /**
   * netPnl / total netPnl × 100: the shares of all rows of one breakdown sum to 100 (with a losing total, a
   * losing row has a positive share). Null when the total net PnL is 0.
   */
  readonly shareOfNetPnlPercent: number | null;
  /** Largest / smallest pnlCost of one trade (quote). */
  readonly bestTrade: number;
  readonly worstTrade: number;
  /** Largest / smallest pnlPercentage of one trade. */
  readonly bestTradePercent: number;
  readonly worstTradePercent: number;
  readonly unavailable: Readonly<Partial<Record<NullableBreakdownMetricName, string>>>;
}

/** Closed trades broken down per symbol and per strategy; rows sorted by key (code-unit order). */
export interface TradeBreakdown {
  readonly bySymbol: readonly TradeBreakdownRow[];
  readonly byStrategy: readonly TradeBreakdownRow[];
  /** Every trade; null without trades. */
  readonly total: TradeBreakdownRow | null;
}
