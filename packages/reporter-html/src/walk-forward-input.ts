import type { ClosedResult, TradeStatistics } from "@candlewick/core";

/** A time span `[startMs, endMs)`. */
export interface ReportTimeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * One fold of a walk-forward, as `@candlewick/research` records it (`WalkForwardFold`); only these fields are
 * read, so a result saved as JSON (where `undefined` fields are absent) fits as is.
 */
export interface WalkForwardReportFold {
  readonly window: {
    readonly index: number;
    readonly inSample: ReportTimeSpan;
    readonly outOfSample: ReportTimeSpan;
  };
  /** The best feasible in-sample trial; absent or null when none was feasible (the fold then did not trade). */
  readonly best?: {
    readonly number: number;
    readonly params: Readonly<Record<string, unknown>>;
    readonly value: number;
  } | null;
  readonly inSample: { readonly returnPct: number; readonly annualisedReturnPct: number | null };
  readonly outOfSample: {
    readonly value?: number | null;
    readonly returnPct: number;
    readonly annualisedReturnPct: number | null;
    readonly trades: readonly ClosedResult[];
  };
  readonly efficiency: number | null;
}

/**
 * What the walk-forward page renders: research's `WalkForwardResult`, with the title, settings and objective
 * statistic the CLI saves beside it (`candlewick walkforward --json`).
 */
export interface WalkForwardReportData {
  readonly title?: string;
  readonly settings?: readonly string[];
  /** The statistic each fold's study optimised (`totalPnl`). */
  readonly statistic?: string;
  readonly folds: readonly WalkForwardReportFold[];
  /** Every out-of-sample trade, by close time. */
  readonly trades: readonly ClosedResult[];
  /** Compounded equity (start 1) after each stitched trade. */
  readonly equity: readonly { readonly timestamp: number; readonly equity: number }[];
  readonly statistics: TradeStatistics;
  readonly outOfSampleReturnPct: number;
  readonly outOfSampleAnnualisedPct: number | null;
  readonly inSampleAnnualisedPct: number | null;
  readonly efficiency: number | null;
}
