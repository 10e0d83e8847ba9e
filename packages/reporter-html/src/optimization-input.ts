/**
 * One trial of a study, as `@candlewick/research` records it (`TrialRecord`); only these fields are read, so a
 * study log line (JSON) fits as is.
 */
export interface OptimizationTrial {
  readonly number: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly value: number;
  readonly metrics?: Readonly<Record<string, number>>;
  /** `complete` or `infeasible` (a constraint failed; shown, never ranked first). Default `complete`. */
  readonly state?: string;
}

/** What the optimisation page renders: a study's trials and which way its objective points. */
export interface OptimizationReportData {
  readonly studyName: string;
  /** What `value` is (`total PnL %`). */
  readonly objectiveLabel: string;
  readonly direction: "maximize" | "minimize";
  readonly trials: readonly OptimizationTrial[];
}
