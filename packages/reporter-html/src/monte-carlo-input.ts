/** p5..p95 of one simulated statistic. */
export interface ReportPercentiles {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/** One method's summary, as `@candlewick/research`'s `monteCarlo` returns it (`MonteCarloResult`). */
export interface MonteCarloReportResult {
  readonly method: string;
  readonly simulations: number;
  readonly tradeCount: number;
  /** The trades in their real order. */
  readonly actual: {
    readonly finalReturnPct: number;
    readonly maxDrawdownPct: number;
    readonly longestLosingStreak: number;
  };
  readonly finalReturnPct: ReportPercentiles;
  readonly maxDrawdownPct: ReportPercentiles;
  readonly longestLosingStreak: ReportPercentiles;
}

/** Counts per bin (`counts[i]` in `[edges[i], edges[i + 1])`). */
export interface ReportHistogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** One method's distributions, as research's `monteCarloDistributions` returns them. */
export interface MonteCarloReportDistributions {
  readonly method: string;
  readonly simulations: number;
  readonly bands: {
    readonly trades: readonly number[];
    readonly p5: readonly number[];
    readonly p25: readonly number[];
    readonly p50: readonly number[];
    readonly p75: readonly number[];
    readonly p95: readonly number[];
    readonly actual: readonly number[];
    readonly simulations: number;
  };
  readonly finalReturnPct: ReportHistogram;
  readonly maxDrawdownPct: ReportHistogram;
  readonly longestLosingStreak: ReportHistogram;
}

/**
 * What the Monte Carlo page renders: the summaries of one or more methods and, for the charts, their
 * distributions (without them the page shows the percentile table alone). `candlewick montecarlo --json` saves
 * exactly this.
 */
export interface MonteCarloReportData {
  readonly title?: string;
  readonly settings?: readonly string[];
  /** The trade returns (%) that were resampled, in their real order. */
  readonly returnsPct?: readonly number[];
  readonly results: readonly MonteCarloReportResult[];
  readonly distributions?: readonly MonteCarloReportDistributions[];
}
