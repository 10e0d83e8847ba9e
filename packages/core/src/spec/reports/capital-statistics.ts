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

/**
 * Statistics on capital, computed from an equity curve in quote currency (not from per-trade percentages).
 * Ratios use simple daily returns of the equity sampled at each UTC midnight; null when undefined (fewer than two
 * days, or no variation), with the reason in `unavailable`.
 */
export interface CapitalStatistics {
  readonly initialCapital: number;
  readonly finalEquity: number;
  /** finalEquity − initialCapital (quote). */
  readonly netProfit: number;
  /** netProfit / initialCapital × 100. */
  readonly totalReturnPercent: number;
  /** Compounded yearly growth over the period, in percent; null for a period under one day. */
  readonly cagrPercent: number | null;
  /** Largest fall of equity from a running peak, in percent (0..100) and in quote currency. */
  readonly maxDrawdownPercent: number;
  readonly maxDrawdown: number;
  /** Longest time below a previous peak, in minutes. */
  readonly maxDrawdownDurationMinutes: number;
  /** Mean daily return / its sample standard deviation × √periodsPerYear. */
  readonly sharpeRatio: number | null;
  /** Mean daily return / downside deviation × √periodsPerYear. */
  readonly sortinoRatio: number | null;
  /** cagrPercent / maxDrawdownPercent. */
  readonly calmarRatio: number | null;
  /** Time-weighted mean of exposure / equity, in percent. */
  readonly averageExposurePercent: number;
  readonly maxExposure: number;
  readonly maxOpenPositions: number;
  readonly dailyReturnCount: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly periodsPerYear: number;
  readonly unavailable: Readonly<
    Partial<Record<"sharpeRatio" | "sortinoRatio" | "calmarRatio" | "cagrPercent", string>>
  >;
}
