/**
 * The module each worker of a `createPoolTrialRunner` pool imports (built to `dist/pool-trial-worker.js`, loaded
 * from `src/` in the workspace's tests). One runner per engine config per thread, so a worker imports each
 * strategy module and opens each candle folder once, then backtests every trial from the shared candles.
 */
import type { CandlewickConfig, PoolRunnerContext } from "@candlewick/core";
import { createTrialJobRunner } from "./run-trial-job.js";
import { threadCpuMs } from "./thread-cpu-ms.js";
import type { TrialJob, TrialJobResult } from "./trial-job.js";

/** What the calling thread posts for one trial: the job and the engine config the pool runner was given. */
export interface PoolTrialTask {
  readonly job: TrialJob;
  readonly config?: Partial<CandlewickConfig>;
  /** Also return this thread's CPU time over the trial (`createPoolTrialRunner({ measureWorkerCpu })`). */
  readonly measureCpu?: true;
}

/** A trial's result with the worker thread's CPU time over it, when the task asked (undefined: not measurable). */
export interface MeasuredPoolTrial {
  readonly result: TrialJobResult;
  readonly threadCpuMs: number | undefined;
}

const runners = new Map<string, ReturnType<typeof createTrialJobRunner>>();

/** Runs one trial in this worker thread (a `PoolRunner`), on the shares `context` carries. */
export function runPoolTrial(
  task: PoolTrialTask,
  context?: PoolRunnerContext,
): Promise<TrialJobResult | MeasuredPoolTrial> {
  const key = JSON.stringify(task.config ?? null);
  let runner = runners.get(key);
  if (runner === undefined) {
    runner = createTrialJobRunner(task.config === undefined ? {} : { config: task.config });
    runners.set(key, runner);
  }
  if (task.measureCpu !== true) return runner(task.job, context);
  return measured(runner, task.job, context);
}

async function measured(
  runner: ReturnType<typeof createTrialJobRunner>,
  job: TrialJob,
  context: PoolRunnerContext | undefined,
): Promise<MeasuredPoolTrial> {
  const before = threadCpuMs();
  const result = await runner(job, context);
  const after = threadCpuMs();
  return { result, threadCpuMs: before === undefined || after === undefined ? undefined : after - before };
}
