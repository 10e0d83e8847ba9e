import {
  type CandlewickConfig,
  CandlewickError,
  createTrialPool,
  type PoolTaskBytes,
  parseWithSchema,
  type SharedCandles,
  type TrialPool,
} from "@candlewick/core";
import { z } from "zod";
import type { MeasuredPoolTrial, PoolTrialTask } from "./pool-trial-worker.js";
import { checkJob } from "./run-trial-job.js";
import { type ImportModule, strategyDefinitions } from "./strategy-definitions.js";
import { createTrialCandleShares } from "./trial-candle-shares.js";
import type { TrialJob, TrialJobResult } from "./trial-job.js";

/** Options of {@link createPoolTrialRunner}. */
export interface PoolTrialRunnerOptions {
  /** Worker threads (1..256). */
  readonly workers: number;
  /** Engine config applied to every trial (as `createTrialJobRunner`'s); plain data, posted to the workers. */
  readonly config?: Partial<CandlewickConfig>;
  /**
   * Imports the strategy module in this thread, to learn its interval (default `import()`). Workers import it
   * with `import()`, after registering tsx when it is TypeScript.
   */
  readonly importModule?: ImportModule;
  /**
   * Have each worker time its own thread's CPU over every trial (default false), summed by `workerCpuMs()`:
   * benchmarks use it to tell the trials' cost from the overhead around them. Costs two small file reads a trial.
   */
  readonly measureWorkerCpu?: boolean;
}

/** A `TrialJobRunner` backed by worker threads; close it when done. */
export interface PoolTrialRunner {
  /** Runs the trial on the next free worker, on candles loaded once in this thread. */
  (job: TrialJob): Promise<TrialJobResult>;
  /** Loads (once) and returns the shared candles `job` needs, without running it; `run` does it when needed. */
  load(job: TrialJob): Promise<readonly SharedCandles[]>;
  /** What the trials so far posted to the workers: their plain data only, the candles are shared. */
  taskBytes(): PoolTaskBytes;
  /**
   * The workers' CPU time inside the trials so far, ms (`measureWorkerCpu`), in 10 ms clock ticks: meaningful
   * summed over many trials. `undefined` when not asked for, or where the OS gives no per-thread CPU time.
   */
  workerCpuMs(): number | undefined;
  /** Terminates the workers and forgets the candles; trials still running fail. */
  close(): Promise<void>;
}

const optionsSchema = z
  .object({
    workers: z.number().int().min(1).max(256),
    config: z.record(z.string(), z.unknown()).optional(),
    importModule: z.custom<ImportModule>((value) => typeof value === "function", "a function").optional(),
    measureWorkerCpu: z.boolean().optional(),
  })
  .strict();

/** The worker module: built next to the bundle, or the TypeScript source next to this file. */
function workerModule(): URL {
  const here = import.meta.url;
  const fromSource = /\.[cm]?ts$/.test(new URL(here).pathname);
  return new URL(fromSource ? "./pool-trial-worker.ts" : "./pool-trial-worker.js", here);
}

/**
 * Runs trial jobs on a pool of `workers` threads (core's `createTrialPool`) that share the candles: for each
 * job, this thread loads its symbols' candles once (1m over the frame with the backtest's warm-up and horizon,
 * plus the strategy's interval) into SharedArrayBuffers, and the workers' engines read that memory instead of
 * the CSV files. Results equal `runTrialJob`'s for the same job, bit for bit. The pool starts on the first
 * job and is owned by the caller: `close()` it.
 *
 * @example
 * const runner = createPoolTrialRunner({ workers: 2 });
 * try {
 *   await optimize({ space, trials: 100, seed: 1, parallelism: 2, objective: trialJobObjective(runner, template) });
 * } finally {
 *   await runner.close();
 * }
 * @throws InvalidArgumentError for bad options; the runner rejects with what a trial throws.
 */
export function createPoolTrialRunner(options: PoolTrialRunnerOptions): PoolTrialRunner {
  const { workers, config, importModule, measureWorkerCpu } = parseWithSchema(
    "createPoolTrialRunner",
    optionsSchema,
    options,
  );
  const typedConfig = config as Partial<CandlewickConfig> | undefined;
  const definitionOf = strategyDefinitions(importModule ?? ((url: string) => import(url)));
  const shares = createTrialCandleShares(typedConfig === undefined ? {} : { config: typedConfig });
  let pool: TrialPool<PoolTrialTask, TrialJobResult | MeasuredPoolTrial> | undefined;
  let closed = false;
  // Summed worker CPU; NaN once a worker could not measure (then the sum means nothing).
  let workerCpu = 0;

  const refuseClosed = (): void => {
    if (closed) {
      throw new CandlewickError(
        "TRIAL_RUNNER_CLOSED",
        "[research] createPoolTrialRunner: the runner is closed; create another to run more trials",
      );
    }
  };

  const load = async (job: TrialJob): Promise<readonly SharedCandles[]> => {
    refuseClosed();
    checkJob(job);
    const definition = await definitionOf(job);
    return shares.sharesFor(job, definition.interval);
  };

  const run = async (job: TrialJob): Promise<TrialJobResult> => {
    const candles = await load(job);
    // Closed while the candles loaded: starting a pool now would leave its threads to nobody.
    refuseClosed();
    pool ??= createTrialPool<PoolTrialTask, TrialJobResult | MeasuredPoolTrial>({
      workers,
      candles: [],
      runnerModule: workerModule(),
      exportName: "runPoolTrial",
      imports: [job.strategyModule],
    });
    const task: PoolTrialTask = {
      job,
      ...(typedConfig === undefined ? {} : { config: typedConfig }),
      ...(measureWorkerCpu === true ? { measureCpu: true as const } : {}),
    };
    const outcome = await pool.run(task, candles);
    if (measureWorkerCpu !== true) return outcome as TrialJobResult;
    const { result, threadCpuMs } = outcome as MeasuredPoolTrial;
    workerCpu += threadCpuMs ?? Number.NaN;
    return result;
  };

  return Object.assign(run, {
    load,
    workerCpuMs: (): number | undefined =>
      measureWorkerCpu === true && !Number.isNaN(workerCpu) ? workerCpu : undefined,
    taskBytes: (): PoolTaskBytes =>
      pool?.taskBytes() ?? { tasks: 0, lastTaskBytes: 0, totalBytes: 0, sharedBytesReferenced: 0 },
    async close() {
      closed = true;
      shares.clear();
      await pool?.close();
    },
  });
}
