/**
 * The module each worker of a `createPoolTrialRunner` pool imports (built to `dist/pool-trial-worker.js`, loaded
 * from `src/` in the workspace's tests). One runner per engine config per thread, so a worker imports each
 * strategy module and opens each candle folder once, then backtests every trial from the shared candles.
 */
import type { CandlewickConfig, PoolRunnerContext } from "@candlewick/core";
import { createTrialJobRunner } from "./run-trial-job.js";
import type { TrialJob, TrialJobResult } from "./trial-job.js";

/** What the calling thread posts for one trial: the job and the engine config the pool runner was given. */
export interface PoolTrialTask {
  readonly job: TrialJob;
  readonly config?: Partial<CandlewickConfig>;
}

const runners = new Map<string, ReturnType<typeof createTrialJobRunner>>();

/** Runs one trial in this worker thread (a `PoolRunner`), on the shares `context` carries. */
export function runPoolTrial(task: PoolTrialTask, context?: PoolRunnerContext): Promise<TrialJobResult> {
  const key = JSON.stringify(task.config ?? null);
  let runner = runners.get(key);
  if (runner === undefined) {
    runner = createTrialJobRunner(task.config === undefined ? {} : { config: task.config });
    runners.set(key, runner);
  }
  return runner(task.job, context);
}
