export type { AnalysisRunOptions } from "./analysis/analysis-run-options.js";
export { AGGREGATES, type Aggregate, aggregate } from "./jobs/aggregate.js";
export {
  createPoolTrialRunner,
  type PoolTrialRunner,
  type PoolTrialRunnerOptions,
} from "./jobs/pool-trial-runner.js";
export type { MeasuredPoolTrial, PoolTrialTask } from "./jobs/pool-trial-worker.js";
export {
  createTrialJobRunner,
  runTrialJob,
  summarise,
  type TrialJobRunnerOptions,
  type TrialRun,
} from "./jobs/run-trial-job.js";
export type { TrialJob, TrialJobResult, TrialJobRunner } from "./jobs/trial-job.js";
export { type TrialJobTemplate, trialJobObjective } from "./jobs/trial-job-objective.js";
export {
  analyzeLookahead,
  type LookaheadDifference,
  type LookaheadOptions,
  type LookaheadReport,
} from "./lookahead/analyze-lookahead.js";
export { cutCandleCsv, withCandleFilesCutAt } from "./lookahead/cut-candle-files.js";
export {
  type DecidedSignal,
  type Decision,
  describeDecision,
} from "./lookahead/decision.js";
export {
  type MonteCarloMethod,
  type MonteCarloOptions,
  type MonteCarloResult,
  monteCarlo,
} from "./monte-carlo/monte-carlo.js";
export {
  type DistributionLimits,
  type EquityBands,
  type Histogram,
  type MonteCarloDistributions,
  monteCarloDistributions,
} from "./monte-carlo/monte-carlo-distributions.js";
export { type PathStatistics, pathStatistics } from "./monte-carlo/path-statistics.js";
export { type Percentiles, percentile, percentilesOf } from "./monte-carlo/percentiles.js";
export { createRandomSource, type RandomSource } from "./random/random-source.js";
export { monteCarloMarkdown } from "./report/monte-carlo-markdown.js";
export { type StudyReportInfo, studyMarkdown } from "./report/study-markdown.js";
export { walkForwardMarkdown } from "./report/walk-forward-markdown.js";
export { type GridSamplerOptions, gridSampler, gridSize } from "./samplers/grid-sampler.js";
export { randomSampler } from "./samplers/random-sampler.js";
export type { Direction, SampleRequest, Sampler } from "./samplers/sampler.js";
export {
  type ChoiceParam,
  type ChoiceValue,
  choice,
  type IntegerParam,
  integerRange,
  type NumberParam,
  numberRange,
  type ParamSpec,
  type RangeOptions,
} from "./space/param-spec.js";
export {
  defineSearchSpace,
  type ParamsOf,
  type ParamValue,
  type ParamValues,
  type SearchSpace,
} from "./space/search-space.js";
export {
  type ParameterisedStrategy,
  type StrategySpaceOptions,
  searchSpaceFromStrategy,
} from "./space/search-space-from-strategy.js";
export { atLeast, atMost, type Constraint } from "./study/constraint.js";
export { jsonLinesStudyStorage } from "./study/json-lines-study-storage.js";
export { memoryStudyStorage } from "./study/memory-study-storage.js";
export {
  bestTrial,
  type Objective,
  type ObjectiveOutcome,
  type OptimizeOptions,
  optimize,
  type StudyResult,
} from "./study/optimize.js";
export { StudyMismatchError } from "./study/study-mismatch-error.js";
export type { StudyHeader, StudyStorage } from "./study/study-storage.js";
export type { ConstraintOutcome, TrialRecord, TrialState } from "./study/trial-record.js";
export { type TpeSamplerOptions, tpeSampler } from "./tpe/tpe-sampler.js";
export { annualisedReturnPct, compoundPct, walkForwardEfficiency } from "./walk-forward/efficiency.js";
export {
  type WalkForwardFold,
  type WalkForwardOptions,
  type WalkForwardResult,
  walkForward,
} from "./walk-forward/walk-forward.js";
export {
  type TimeSpan,
  type WalkForwardWindow,
  type WalkForwardWindowsOptions,
  walkForwardWindows,
} from "./walk-forward/walk-forward-windows.js";
export {
  analyzeWarmup,
  type IndicatorWarmup,
  type WarmupOptions,
  type WarmupReport,
} from "./warmup/analyze-warmup.js";
