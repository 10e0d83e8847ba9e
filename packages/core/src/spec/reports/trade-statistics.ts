/**
 * The metric values of {@link TradeStatistics}, without the `unavailable` map.
 *
 * Notation used below: N = `tradeCount`; r_i = `pnl.pnlPercentage` of trade i (net of fees and slippage, in
 * percent of the entry); W and L = the sets of winning (r > 0) and losing (r < 0) trades; "equity" = the
 * compounded equity curve that starts at 1 and multiplies by (1 + r_i/100) at each close, in close order,
 * as if every trade used the whole account (floored at 0: an account that lost everything stays at 0);
 * "period" = [`periodStart`, `periodEnd`]; spanDays = (periodEnd − periodStart) / 86 400 000.
 *
 * Every metric is computed over all the trades given, never a window of the latest ones. A metric that
 * cannot be computed is `null` (never NaN or ±Infinity) and its reason is in `unavailable`.
 */
export interface TradeStatisticsValues {
  /** N: number of closed trades. */
  readonly tradeCount: number;
  /** #W: trades with r > 0. */
  readonly winCount: number;
  /** #L: trades with r < 0. */
  readonly lossCount: number;
  /**
   * Trades with r exactly 0. With fees a closed trade almost never nets exactly 0, so this is mostly 0;
   * breakeven trades count in N (and so in averages) but are neither wins nor losses.
   */
  readonly breakevenCount: number;
  /** #W / (#W + #L) × 100, in %. Breakeven trades are left out. Null when there is no win and no loss. */
  readonly winRate: number | null;
  /** Σ r_i: arithmetic sum of the per-trade results, in % (not compounded). Null when N = 0. */
  readonly totalPnl: number | null;
  /** Σ r_i / N: mean per-trade result, in %. Null when N = 0. */
  readonly avgPnl: number | null;
  /** Median of r_i (mean of the two middle values when N is even), in %. Null when N = 0. */
  readonly medianPnl: number | null;
  /** (Π (1 + r_i/100) − 1) × 100: growth of the equity curve over all trades, in %. Null when N = 0. */
  readonly compoundedReturn: number | null;
  /** Sample standard deviation of r_i, √(Σ (r_i − avgPnl)² / (N − 1)), in %. Null when N < 2. */
  readonly stdDev: number | null;
  /** max r_i, in %. Null when N = 0. */
  readonly bestTrade: number | null;
  /** min r_i, in %. Null when N = 0. */
  readonly worstTrade: number | null;
  /** Mean r over W, in % (positive). Null when there is no winning trade. */
  readonly avgWin: number | null;
  /** Mean r over L, in % (negative). Null when there is no losing trade. */
  readonly avgLoss: number | null;
  /** Mean `pnl.peakPercentage` (net PnL% at the best price seen while open, MFE), in %. Null when N = 0. */
  readonly avgPeakPnl: number | null;
  /** Mean `pnl.troughPercentage` (net PnL% at the worst price seen while open, MAE), in %. Null when N = 0. */
  readonly avgTroughPnl: number | null;
  /**
   * Per-trade Sharpe ratio, avgPnl / stdDev, risk-free rate 0; unitless and not annualised. Null when
   * N < max(2, minTradesForRatios) or the results have (numerically) zero spread.
   */
  readonly sharpeRatio: number | null;
  /**
   * Time-based annualised Sharpe ratio: mean(d) / sd(d) × √periodsPerYear, where d are the daily returns of
   * the equity curve marked at trade closes, one per UTC calendar day of the period, flat days included as
   * 0, and sd is the sample (N − 1) deviation; unitless. Defined however often the strategy trades. Null
   * when N < minTradesForRatios, the period covers fewer than 2 days, or the daily returns have zero spread.
   */
  readonly annualizedSharpeRatio: number | null;
  /**
   * Annualised Sortino ratio on the same daily returns: mean(d) / √(Σ min(d, 0)² / D) × √periodsPerYear,
   * D = number of days (the downside deviation divides by all days, as quantstats does); unitless.
   * Null when N < minTradesForRatios, the period covers fewer than 2 days, or no day lost money.
   */
  readonly sortinoRatio: number | null;
  /**
   * Largest peak-to-trough fall of the equity curve, max (peak − equity) / peak × 100, in % as a positive
   * number (0 = never below a previous high; 100 = everything lost). Marked to market: before each close the
   * curve also visits the trade's worst point, equity × (1 + troughPercentage/100). The curve starts at 1,
   * so a loss on the first trade counts. Null when N = 0.
   */
  readonly maxDrawdown: number | null;
  /**
   * expectedYearlyReturns / maxDrawdown; unitless. Null when N < minTradesForRatios, when
   * expectedYearlyReturns is null, or when maxDrawdown is 0.
   */
  readonly calmarRatio: number | null;
  /**
   * Compound annual growth rate over the calendar period, (equityFinal^(365 / spanDays) − 1) × 100, in %
   * per year; −100 when the account was wiped out. Null when N = 0, spanDays = 0, or the result overflows.
   */
  readonly expectedYearlyReturns: number | null;
  /**
   * avgWin / |avgLoss|: how large the average win is relative to the average loss; unitless. Null when
   * N < minTradesForRatios or there is no winning or no losing trade.
   */
  readonly certaintyRatio: number | null;
  /**
   * Σ_{W} r / |Σ_{L} r|: gross wins over gross losses; unitless. 0 when there are losses and no wins. Null
   * (reason "no losing trades") when nothing was lost, because the true value, +∞, is not JSON; also null
   * when N < minTradesForRatios.
   */
  readonly profitFactor: number | null;
  /**
   * (#W/N) × avgWin + (#L/N) × avgLoss: expected result of one trade, in % per trade (a missing average
   * counts as 0). Algebraically equal to avgPnl; kept under the name users look for. Null when N = 0.
   */
  readonly expectancy: number | null;
  /**
   * Van Tharp's System Quality Number, √N × avgPnl / stdDev; unitless. Not capped at N = 100. Null under
   * the same conditions as sharpeRatio.
   */
  readonly sqn: number | null;
  /**
   * Time in the market, in %: Σ over symbols of |∪ [pendingAt, closeTimestamp)| ÷ (period length × number
   * of distinct symbols traded). Overlapping trades on one symbol count once; symbols that never traded are
   * not in the denominator. 0 for a known period without trades. Null when the period is unknown (no trades
   * and no period option) or has zero length.
   */
  readonly exposure: number | null;
  /** Mean (closeTimestamp − pendingAt) / 60 000, in minutes. Null when N = 0. */
  readonly avgDurationMinutes: number | null;
  /**
   * N / spanDays × 365: closed trades per year at the observed pace (no cap). Null when the period is unknown
   * or spanDays = 0.
   */
  readonly tradesPerYear: number | null;
  /** Longest run of consecutive wins in close order; a breakeven trade ends a run. 0 when N = 0. */
  readonly maxConsecutiveWins: number;
  /** Longest run of consecutive losses in close order; a breakeven trade ends a run. 0 when N = 0. */
  readonly maxConsecutiveLosses: number;
  /**
   * Start of the period (epoch ms): the `periodStart` option or the earliest pendingAt, whichever is earlier.
   * Null when there are no trades and no option.
   */
  readonly periodStart: number | null;
  /**
   * End of the period (epoch ms): the `periodEnd` option or the latest closeTimestamp, whichever is later.
   * Null when there are no trades and no option.
   */
  readonly periodEnd: number | null;
  /** spanDays = (periodEnd − periodStart) / 86 400 000, in days. Null when either end is unknown. */
  readonly periodDays: number | null;
  /** The `periodsPerYear` used to annualise sharpe and sortino (default 365), echoed for reports. */
  readonly periodsPerYear: number;
}

/** Names of the metrics that can be `null` (and so can have an entry in `unavailable`). */
export type NullableStatisticName = {
  [K in keyof TradeStatisticsValues]-?: null extends TradeStatisticsValues[K] ? K : never;
}[keyof TradeStatisticsValues];

/**
 * Statistics over a set of closed trades, as returned by `computeStatistics`. A plain JSON value:
 * `JSON.parse(JSON.stringify(stats))` is deep-equal to `stats`.
 */
export interface TradeStatistics extends TradeStatisticsValues {
  /**
   * Why each `null` metric is null, e.g. `{ profitFactor: "no losing trades" }`. Has an entry for every null
   * metric and for no other.
   */
  readonly unavailable: Readonly<Partial<Record<NullableStatisticName, string>>>;
}
