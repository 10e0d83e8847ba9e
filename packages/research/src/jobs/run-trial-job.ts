import {
  type BacktestData,
  type CandleInterval,
  createEngine,
  type Engine,
  type EngineOptions,
  InvalidArgumentError,
  isCandleInterval,
  type PoolRunner,
  type PoolRunnerContext,
  type SharedCandles,
  seedSharedCandles,
} from "@candlewick/core";
import { createStrategySchema, type StrategyDefinition } from "@candlewick/sdk";
import { AGGREGATES, aggregate } from "./aggregate.js";
import { type ImportModule, strategyDefinitions } from "./strategy-definitions.js";
import { createTrialCandleShares, TRIAL_EXCHANGE } from "./trial-candle-shares.js";
import type { TrialJob, TrialJobResult } from "./trial-job.js";

export { TRIAL_EXCHANGE } from "./trial-candle-shares.js";

/** Options of {@link createTrialJobRunner}. */
export interface TrialJobRunnerOptions {
  /**
   * Imports the strategy module (default `import()`; a TypeScript module then needs a loader such as tsx in the
   * process). The CLI passes its own, which registers tsx.
   */
  readonly importModule?: ImportModule;
  /** Engine config applied to every trial (fees, slippage...). */
  readonly config?: EngineOptions["config"];
}

/** A trial's backtest data per symbol, besides the job's result (walk-forward and reports read the trades). */
export interface TrialRun extends TrialJobResult {
  readonly data: ReadonlyMap<string, BacktestData>;
  /** Wall time inside `Backtest.run` (all symbols); the rest of the trial's time is overhead. */
  readonly backtestMs: number;
  /** The process's CPU time (user + system) over the same span; meaningful when trials run one at a time. */
  readonly backtestCpuMs: number;
}

/** Frames kept per (folder, symbol) by a runner (a walk-forward moves its window; each share is ~48 B a candle). */
const SPANS_KEPT = 8;

/**
 * A `TrialJobRunner` that backtests in this thread. Each trial gets an engine of its own (no globals),
 * disposed afterwards. What trials share is what costs more than the backtest: the imported module, one CSV
 * exchange per candle folder (each file read and parsed once per process), and the 1m candles of each
 * (folder, symbol, frame), loaded and validated by the first trial and read from shared memory by every later
 * one (through the same `createTrialCandleShares` as the pool runner's calling thread). It is also a `PoolRunner`: in a pool worker (`createTrialPool`, the runner called with a `context`),
 * `context.seed` makes each trial's engine read the pool's shared candles instead.
 */
export function createTrialJobRunner(options: TrialJobRunnerOptions = {}): PoolRunner<
  TrialJob,
  TrialJobResult
> & {
  /** Runs the job and also returns every symbol's backtest data (trades, statistics). */
  readonly withData: (job: TrialJob, context?: PoolRunnerContext) => Promise<TrialRun>;
  /**
   * The 1m candles of the job's symbols over its frame, in shared memory (loaded once per process): what a
   * `createTrialPool({ candles })` running this runner's jobs wants.
   */
  readonly sharedCandles: (job: TrialJob) => Promise<SharedCandles[]>;
} {
  const definitionOf = strategyDefinitions(options.importModule ?? ((url: string) => import(url)));
  const shares = createTrialCandleShares({
    spansPerFeed: SPANS_KEPT,
    ...(options.config === undefined ? {} : { config: options.config }),
  });

  /** Registers the job's exchange, frame and strategy (with the job's params) on a trial's engine. */
  const setUp = (engine: Engine, job: TrialJob, definition: StrategyDefinition): void => {
    engine.addExchange(shares.exchangeFor(job.candles.dir));
    engine.addFrame({
      frameName: TRIAL_RUN.frameName,
      interval: job.frame.interval as CandleInterval,
      startDate: new Date(job.frame.startMs),
      endDate: new Date(job.frame.endMs),
    });
    const schema = createStrategySchema(definition, job.params as never, {
      strategyName: TRIAL_RUN.strategyName,
    });
    engine.addStrategy(schema);
  };

  const withData = async (job: TrialJob, context?: PoolRunnerContext): Promise<TrialRun> => {
    checkJob(job);
    const definition = await definitionOf(job);
    const engine = createEngine({
      name: `${job.studyId}#${job.trialNumber}`,
      ...(options.config === undefined ? {} : { config: options.config }),
    });
    let fatal: unknown;
    engine.listenError((error) => {
      fatal ??= error;
    });
    try {
      setUp(engine, job, definition);
      // Only a pool's context: runTrialJob handed to Array.map gets an index there, which means nothing.
      if (typeof context?.seed === "function") context.seed(engine);
      else seedSharedCandles(engine, await shares.minuteShares(job));
      const data = new Map<string, BacktestData>();
      let backtestMs = 0;
      let backtestCpuMs = 0;
      for (const symbol of job.symbols) {
        const began = performance.now();
        const cpuBefore = process.cpuUsage();
        for await (const _ of engine.Backtest.run(symbol, TRIAL_RUN)) {
          // closed trades are read back with getData
        }
        backtestMs += performance.now() - began;
        const cpu = process.cpuUsage(cpuBefore);
        backtestCpuMs += (cpu.user + cpu.system) / 1000;
        if (fatal !== undefined) throw fatal;
        data.set(symbol, engine.Backtest.getData("trial", symbol));
      }
      return { ...summarise(job, data), data, backtestMs, backtestCpuMs };
    } finally {
      await engine.dispose();
    }
  };

  const runner = async (job: TrialJob, context?: PoolRunnerContext): Promise<TrialJobResult> => {
    const { value, metrics } = await withData(job, context);
    return { value, metrics };
  };
  const sharedCandles = async (job: TrialJob): Promise<SharedCandles[]> => {
    checkJob(job);
    // The module is imported as a trial would (a bad one fails here too), though the 1m span does not need it.
    await definitionOf(job);
    return [...(await shares.minuteShares(job))];
  };
  return Object.assign(runner, { withData, sharedCandles });
}

/** The names every trial's engine registers its exchange, frame and strategy under. */
const TRIAL_RUN = { strategyName: "trial", exchangeName: TRIAL_EXCHANGE, frameName: "trial" } as const;

/**
 * Runs one {@link TrialJob} in this process with the process-wide runner (module and candles cached across
 * calls): the reference runner the worker pool and the queue must agree with. Also a runner module's export for
 * core's `createTrialPool` (`exportName: "runTrialJob"`): in a worker it backtests from the pool's shared candles.
 */
export const runTrialJob: PoolRunner<TrialJob, TrialJobResult> = (job, context) =>
  defaultRunner()(job, context);

let shared: ReturnType<typeof createTrialJobRunner> | undefined;
function defaultRunner(): ReturnType<typeof createTrialJobRunner> {
  shared ??= createTrialJobRunner();
  return shared;
}

/**
 * The job's value and metrics from each symbol's statistics. A statistic that is null on a symbol (no trades,
 * too few for a ratio) takes `objective.unavailable` when the job gives one, else the trial fails naming why; a
 * null metric is left out of that symbol's aggregate (and out of the result when null everywhere).
 */
export function summarise(job: TrialJob, data: ReadonlyMap<string, BacktestData>): TrialJobResult {
  const values: number[] = [];
  for (const [symbol, statistics] of data) {
    const value = statisticOf(statistics, job.objective.statistic);
    if (value !== null) values.push(value);
    else if (job.objective.unavailable !== undefined) values.push(job.objective.unavailable);
    else {
      const why =
        (statistics.unavailable as Record<string, string | undefined>)[job.objective.statistic] ?? "null";
      throw new InvalidArgumentError(
        "runTrialJob",
        `${symbol} ${job.objective.statistic}`,
        null,
        `a number (${why}); set objective.unavailable to score such trials, or constrain them away`,
      );
    }
  }
  const metrics: Record<string, number> = {};
  for (const name of new Set(["tradeCount", ...job.metrics])) {
    const perSymbol = [...data.values()]
      .map((statistics) => statisticOf(statistics, name))
      .filter((value): value is number => value !== null);
    if (perSymbol.length > 0) metrics[name] = aggregate(perSymbol, job.objective.aggregate);
  }
  return { value: aggregate(values, job.objective.aggregate), metrics };
}

function statisticOf(data: BacktestData, name: string): number | null {
  const value = (data as unknown as Record<string, unknown>)[name];
  if (value === null) return null;
  if (typeof value !== "number") {
    throw new InvalidArgumentError("runTrialJob", "statistic", name, "a numeric statistic of BacktestData");
  }
  return Number.isFinite(value) ? value : null;
}

/** @throws InvalidArgumentError naming the first bad field of a job (jobs arrive from other processes). */
export function checkJob(job: TrialJob): void {
  const bad = (field: string, value: unknown, expected: string) =>
    new InvalidArgumentError("runTrialJob", field, value, expected);
  if (job === null || typeof job !== "object") throw bad("job", job, "a TrialJob object");
  if (typeof job.strategyModule !== "string" || job.strategyModule.length === 0) {
    throw bad("strategyModule", job.strategyModule, "an absolute path or file: URL");
  }
  if (!Array.isArray(job.symbols) || job.symbols.length === 0) {
    throw bad("symbols", job.symbols, "a non-empty array of symbols");
  }
  if (job.candles?.kind !== "csv" || typeof job.candles.dir !== "string") {
    throw bad("candles", job.candles, '{ kind: "csv", dir }');
  }
  if (!isCandleInterval(job.frame?.interval))
    throw bad("frame.interval", job.frame?.interval, "a candle interval");
  if (!Number.isFinite(job.frame.startMs) || !(job.frame.endMs > job.frame.startMs)) {
    throw bad("frame", job.frame, "finite startMs < endMs");
  }
  if (!AGGREGATES.includes(job.objective?.aggregate)) {
    throw bad("objective.aggregate", job.objective?.aggregate, AGGREGATES.join(" | "));
  }
  if (job.objective.unavailable !== undefined && !Number.isFinite(job.objective.unavailable)) {
    throw bad("objective.unavailable", job.objective.unavailable, "a finite number");
  }
}
