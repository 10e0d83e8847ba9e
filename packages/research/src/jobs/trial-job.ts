/**
 * The unit of work the optimiser, walk-forward, the worker pool and the BullMQ queue pass around: one backtest
 * of one parameter set, described by plain data (structured-clone and JSON safe) so that a worker thread or a
 * process on another machine can run it from the description alone.
 */
export interface TrialJob {
  /** Names the study; with `trialNumber` it is the job's identity (a queue de-duplicates on it). */
  readonly studyId: string;
  readonly trialNumber: number;
  /** Absolute path or `file:` URL of the module that exports the strategy definition (`defineStrategy`). */
  readonly strategyModule: string;
  /** The export holding the definition (default `"default"`). */
  readonly exportName?: string;
  /** The definition's params for this trial (validated by the definition's zod schema where it runs). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Symbols backtested with these params; the objective aggregates over them. */
  readonly symbols: readonly string[];
  /** Where the candles come from: a folder of the CSV exchange's files. */
  readonly candles: { readonly kind: "csv"; readonly dir: string };
  /** The backtest window, `[startMs, endMs)`, and the strategy's candle interval. */
  readonly frame: { readonly interval: string; readonly startMs: number; readonly endMs: number };
  /** The statistic optimised (a key of the backtest's statistics) and how symbols combine. */
  readonly objective: {
    readonly statistic: string;
    readonly aggregate: "mean" | "sum" | "min" | "median";
    /**
     * The value a symbol scores when its statistic is null (no trades, too few for a ratio). Without it such a
     * trial fails with an error naming the reason.
     */
    readonly unavailable?: number;
  };
  /** Further statistics returned as metrics (for constraints and reports), aggregated the same way. */
  readonly metrics: readonly string[];
}

/** What running a {@link TrialJob} gives back. */
export interface TrialJobResult {
  readonly value: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Runs a job: in process, in a worker thread, or on another machine. */
export type TrialJobRunner = (job: TrialJob) => Promise<TrialJobResult>;
