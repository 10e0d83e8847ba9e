import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { deserializeError } from "../walker/serialized-error.js";
import { setupModuleHref } from "../walker/setup-module-href.js";
import { preparePoolLaunch } from "./pool-launch.js";
import type { RunnerPoolTask, RunnerTaskReply } from "./pool-protocol.js";
import type { SharedCandles } from "./shared-candles.js";
import { type PoolTaskBytes, WorkerPool } from "./worker-pool.js";

/** What `createTrialPool` takes. */
export interface TrialPoolOptions {
  /** Worker threads (1..256). */
  readonly workers: number;
  /** Candles loaded once (`loadSharedCandles`), shared with every worker without copying. */
  readonly candles: readonly SharedCandles[];
  /**
   * The module exporting the runner (a {@link PoolRunner}): an absolute path or a `file:` URL. Each worker
   * imports it once. A `.ts` module needs tsx installed.
   */
  readonly runnerModule: string | URL;
  /** The runner's export name. Default `"runTrialJob"`. */
  readonly exportName?: string;
  /**
   * Other modules the runner will import (absolute paths or `file:` URLs, e.g. a job's strategy module): when
   * one is TypeScript the workers register tsx first, as for a `.ts` runner module.
   */
  readonly imports?: readonly (string | URL)[];
}

/** Jobs run on worker threads by a runner module's function; close it when done. */
export interface TrialPool<Job, Result> {
  /**
   * Runs one job on the next free worker (a `TrialJobRunner` when `Job` is a `TrialJob`). `candles` replaces the
   * pool's candles for this job (jobs over other symbols or spans than the pool was created with).
   */
  readonly run: (job: Job, candles?: readonly SharedCandles[]) => Promise<Result>;
  /** What the jobs so far copied to the workers (their plain data only: the candles are shared). */
  taskBytes(): PoolTaskBytes;
  /** Terminates the workers; jobs still running fail. */
  close(): Promise<void>;
}

/**
 * A pool of worker threads that run jobs (plain data, e.g. the research package's `TrialJob`) with the
 * function a runner module exports, on candles loaded once in this thread: the runner gets them as
 * `context.candles` and `context.seed(engine)` makes an engine backtest from them. The core does not know what
 * a job is; the runner module does (so `@candlewick/research` passes its own `runTrialJob`).
 * @throws InvalidArgumentError for a bad `workers`, `runnerModule` or `candles`.
 */
export function createTrialPool<Job, Result>(options: TrialPoolOptions): TrialPool<Job, Result> {
  const component = "createTrialPool";
  const { workers, candles } = options;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    throw new InvalidArgumentError(component, "workers", workers, "a whole number from 1 to 256");
  }
  const runnerModule = setupModuleHref(options.runnerModule);
  if (runnerModule === null) {
    throw new InvalidArgumentError(
      component,
      "runnerModule",
      options.runnerModule,
      "an absolute path or a file: URL",
    );
  }
  checkShares(component, candles);
  const imports = (options.imports ?? []).map((module) => {
    const href = setupModuleHref(module);
    if (href === null) {
      throw new InvalidArgumentError(component, "imports", module, "absolute paths or file: URLs");
    }
    return href;
  });
  const exportName = options.exportName ?? "runTrialJob";
  const pool = new WorkerPool(preparePoolLaunch(component, [runnerModule, ...imports]), workers);
  return {
    run: async (job, jobCandles = candles) => {
      if (jobCandles !== candles) checkShares(`${component} run`, jobCandles);
      const task: RunnerPoolTask = { kind: "runner", runnerModule, exportName, job, candles: jobCandles };
      const reply = await pool.run<RunnerTaskReply>(task);
      if (!reply.ok) {
        throw deserializeError(
          reply.error,
          `[core] ${component}: the runner ${exportName} of ${runnerModule} failed: ${reply.error.message}`,
        );
      }
      return reply.result as Result;
    },
    taskBytes: () => pool.taskBytes(),
    close: () => pool.close(),
  };
}

function checkShares(component: string, candles: readonly SharedCandles[]): void {
  if (!Array.isArray(candles) || candles.some((share) => !(share?.buffer instanceof SharedArrayBuffer))) {
    throw new InvalidArgumentError(
      component,
      "candles",
      candles,
      "an array of shares made by loadSharedCandles",
    );
  }
}
