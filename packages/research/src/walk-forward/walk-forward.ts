import {
  type ClosedResult,
  computeStatistics,
  InvalidArgumentError,
  type TradeStatistics,
} from "@candlewick/core";
import { aggregate } from "../jobs/aggregate.js";
import { createPoolTrialRunner } from "../jobs/pool-trial-runner.js";
import { createTrialJobRunner, type TrialRun } from "../jobs/run-trial-job.js";
import type { TrialJob, TrialJobRunner } from "../jobs/trial-job.js";
import { type TrialJobTemplate, trialJobObjective } from "../jobs/trial-job-objective.js";
import type { Direction, Sampler } from "../samplers/sampler.js";
import type { ParamsOf, SearchSpace } from "../space/search-space.js";
import type { Constraint } from "../study/constraint.js";
import { optimize } from "../study/optimize.js";
import type { StudyStorage } from "../study/study-storage.js";
import type { TrialRecord } from "../study/trial-record.js";
import { annualisedReturnPct, compoundPct, walkForwardEfficiency } from "./efficiency.js";
import {
  type WalkForwardWindow,
  type WalkForwardWindowsOptions,
  walkForwardWindows,
} from "./walk-forward-windows.js";

/** Options of {@link walkForward}. */
export interface WalkForwardOptions<Space extends SearchSpace> {
  /** How the history is cut into folds. */
  readonly windows: WalkForwardWindowsOptions;
  readonly space: Space;
  /** The jobs' fixed part; each fold sets `frame` start and end, `studyId` gets `#fold<i>` appended. */
  readonly template: Omit<TrialJobTemplate, "frame"> & { readonly frame: { readonly interval: string } };
  /** Trials per fold's study. */
  readonly trials: number;
  /** Every fold's study uses this seed (its trials differ because its data does). */
  readonly seed: number;
  /** A new sampler per fold (default: the study's default, TPE). */
  readonly sampler?: () => Sampler;
  readonly direction?: Direction;
  readonly constraints?: readonly Constraint[];
  /** Trials run at once (default: `workers`, else 1); see `optimize`. */
  readonly parallelism?: number;
  /** Runs the in-sample trials (default in process; a worker pool or queue may stand here). */
  readonly runner?: TrialJobRunner;
  /**
   * Without `runner`: run the in-sample trials on this many worker threads (`createPoolTrialRunner`, started and
   * closed by this call). The result is the same as in process. Out-of-sample backtests stay in this thread.
   */
  readonly workers?: number;
  /** Backtests the best parameters out of sample and returns their trades (default in process). */
  readonly evaluate?: (job: TrialJob) => Promise<TrialRun>;
  /** A study log per fold, e.g. `(i) => jsonLinesStudyStorage(\`wf-\${i}.jsonl\`)`: a rerun skips finished trials. */
  readonly storage?: (fold: number) => StudyStorage;
  readonly onTrial?: (fold: number, record: TrialRecord, finished: number, total: number) => void;
  readonly onFold?: (fold: WalkForwardFold) => void;
}

/** One fold's outcome. */
export interface WalkForwardFold {
  readonly window: WalkForwardWindow;
  /** The best feasible in-sample trial, or `undefined` when none was feasible (the fold then does not trade). */
  readonly best: TrialRecord | undefined;
  readonly inSample: { readonly returnPct: number; readonly annualisedReturnPct: number | null };
  readonly outOfSample: {
    /** The objective's statistic of the best params out of sample (`undefined` when the fold did not trade). */
    readonly value: number | undefined;
    readonly metrics: Readonly<Record<string, number>>;
    readonly returnPct: number;
    readonly annualisedReturnPct: number | null;
    readonly trades: readonly ClosedResult[];
  };
  /** This fold's annualised OOS return / annualised IS return. */
  readonly efficiency: number | null;
}

/** What {@link walkForward} returns. */
export interface WalkForwardResult {
  readonly folds: readonly WalkForwardFold[];
  /** Every out-of-sample trade of every fold and symbol, by close time. */
  readonly trades: readonly ClosedResult[];
  /** Compounded equity (start 1) after each stitched trade. */
  readonly equity: readonly { readonly timestamp: number; readonly equity: number }[];
  /** Core's statistics of the stitched trades over the whole out-of-sample span. */
  readonly statistics: TradeStatistics;
  /** The stitched out-of-sample return: each symbol's trades compounded, then aggregated like the objective. */
  readonly outOfSampleReturnPct: number;
  readonly outOfSampleAnnualisedPct: number | null;
  /** Mean over folds of the best trial's annualised in-sample return. */
  readonly inSampleAnnualisedPct: number | null;
  /** Walk-forward efficiency: `outOfSampleAnnualisedPct / inSampleAnnualisedPct` (null when IS ≤ 0). */
  readonly efficiency: number | null;
}

/**
 * Walk-forward analysis: for each fold, optimise on the in-sample span, backtest the best parameters on the
 * out-of-sample span that follows, and stitch the out-of-sample trades. The in-sample return of a fold is its
 * best trial's `compoundedReturn` metric (requested automatically), aggregated over symbols.
 *
 * @throws InvalidArgumentError for bad windows or options; whatever a trial throws.
 */
export async function walkForward<const Space extends SearchSpace>(
  options: WalkForwardOptions<Space>,
): Promise<WalkForwardResult> {
  const windows = walkForwardWindows(options.windows);
  if (options.runner !== undefined && options.workers !== undefined) {
    throw new InvalidArgumentError(
      "walkForward",
      "workers",
      options.workers,
      "no workers when a runner is given (the runner decides where trials run)",
    );
  }
  const pool =
    options.workers === undefined ? undefined : createPoolTrialRunner({ workers: options.workers });
  try {
    return await foldAll(options, windows, options.runner ?? pool ?? createTrialJobRunner());
  } finally {
    await pool?.close();
  }
}

async function foldAll<const Space extends SearchSpace>(
  options: WalkForwardOptions<Space>,
  windows: readonly WalkForwardWindow[],
  runner: TrialJobRunner,
): Promise<WalkForwardResult> {
  const parallelism = options.parallelism ?? options.workers;
  const evaluate = options.evaluate ?? createTrialJobRunner().withData;
  const how = options.template.objective.aggregate;
  const metrics = [...new Set([...options.template.metrics, "compoundedReturn"])];
  const folds: WalkForwardFold[] = [];
  for (const window of windows) {
    const frameOf = (span: { startMs: number; endMs: number }) => ({
      interval: options.template.frame.interval,
      startMs: span.startMs,
      endMs: span.endMs,
    });
    const template: TrialJobTemplate = {
      ...options.template,
      studyId: `${options.template.studyId}#fold${window.index}`,
      metrics,
      frame: frameOf(window.inSample),
    };
    const study = await optimize({
      space: options.space,
      objective: trialJobObjective<Space>(runner, template),
      trials: options.trials,
      seed: options.seed,
      ...(options.sampler === undefined ? {} : { sampler: options.sampler() }),
      ...(options.direction === undefined ? {} : { direction: options.direction }),
      ...(options.constraints === undefined ? {} : { constraints: options.constraints }),
      ...(parallelism === undefined ? {} : { parallelism }),
      ...(options.storage === undefined ? {} : { storage: options.storage(window.index) }),
      onTrial: (record, { finished, total }) => options.onTrial?.(window.index, record, finished, total),
    });
    const fold = await evaluateFold(window, study.best, template, evaluate, how);
    folds.push(fold);
    options.onFold?.(fold);
  }
  return stitch(folds, windows, options.template.symbols, how);
}

async function evaluateFold(
  window: WalkForwardWindow,
  best: (TrialRecord & { params: ParamsOf<SearchSpace> }) | undefined,
  template: TrialJobTemplate,
  evaluate: (job: TrialJob) => Promise<TrialRun>,
  how: TrialJob["objective"]["aggregate"],
): Promise<WalkForwardFold> {
  const inSpan = window.inSample.endMs - window.inSample.startMs;
  const outSpan = window.outOfSample.endMs - window.outOfSample.startMs;
  const inReturn = best?.metrics.compoundedReturn ?? 0;
  const inSample = { returnPct: inReturn, annualisedReturnPct: annualisedReturnPct(inReturn, inSpan) };
  if (best === undefined) {
    const outOfSample = { value: undefined, metrics: {}, returnPct: 0, annualisedReturnPct: 0, trades: [] };
    return { window, best, inSample, outOfSample, efficiency: null };
  }
  const run = await evaluate({
    ...template,
    studyId: `${template.studyId}:oos`,
    trialNumber: best.number,
    params: best.params,
    frame: {
      interval: template.frame.interval,
      startMs: window.outOfSample.startMs,
      endMs: window.outOfSample.endMs,
    },
    // Out of sample a null statistic is reported, not fatal: the fold's trades still count.
    objective: { ...template.objective, unavailable: template.objective.unavailable ?? 0 },
  });
  const perSymbol = [...run.data.values()].map((data) =>
    compoundPct(data.signalList.map((trade) => trade.pnl.pnlPercentage)),
  );
  const returnPct = aggregate(perSymbol, how);
  const trades = [...run.data.values()].flatMap((data) => data.signalList);
  trades.sort((a, b) => a.closeTimestamp - b.closeTimestamp);
  const annualised = annualisedReturnPct(returnPct, outSpan);
  return {
    window,
    best,
    inSample,
    outOfSample: {
      value: run.value,
      metrics: run.metrics,
      returnPct,
      annualisedReturnPct: annualised,
      trades,
    },
    efficiency: walkForwardEfficiency(annualised, inSample.annualisedReturnPct),
  };
}

function stitch(
  folds: readonly WalkForwardFold[],
  windows: readonly WalkForwardWindow[],
  symbols: readonly string[],
  how: TrialJob["objective"]["aggregate"],
): WalkForwardResult {
  if (folds.length === 0)
    throw new InvalidArgumentError("walkForward", "windows", windows, "at least one fold");
  const trades = folds.flatMap((fold) => fold.outOfSample.trades);
  trades.sort((a, b) => a.closeTimestamp - b.closeTimestamp);
  let equity = 1;
  const curve = trades.map((trade) => {
    equity *= 1 + trade.pnl.pnlPercentage / 100;
    return { timestamp: trade.closeTimestamp, equity };
  });
  const periodStart = windows[0]!.outOfSample.startMs;
  const periodEnd = windows.at(-1)!.outOfSample.endMs;
  const perSymbol = symbols.map((symbol) =>
    compoundPct(trades.filter((trade) => trade.symbol === symbol).map((trade) => trade.pnl.pnlPercentage)),
  );
  const outOfSampleReturnPct = aggregate(perSymbol, how);
  const outOfSampleAnnualisedPct = annualisedReturnPct(outOfSampleReturnPct, periodEnd - periodStart);
  const inRates = folds.map((fold) => fold.inSample.annualisedReturnPct);
  const inSampleAnnualisedPct = inRates.some((rate) => rate === null)
    ? null
    : (inRates as number[]).reduce((sum, rate) => sum + rate, 0) / inRates.length;
  return {
    folds,
    trades,
    equity: curve,
    statistics: computeStatistics(trades, { periodStart, periodEnd }),
    outOfSampleReturnPct,
    outOfSampleAnnualisedPct,
    inSampleAnnualisedPct,
    efficiency: walkForwardEfficiency(outOfSampleAnnualisedPct, inSampleAnnualisedPct),
  };
}
