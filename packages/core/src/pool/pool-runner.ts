import type { Engine } from "../engine/engine.js";
import type { SharedCandles } from "./shared-candles.js";

/** What a runner gets besides its job when it runs in a pool worker. */
export interface PoolRunnerContext {
  /** The candles the pool was created with, in shared memory. */
  readonly candles: readonly SharedCandles[];
  /**
   * Makes `engine`'s feeds read the shared candles of every exchange it has registered under a share's
   * `exchangeName` (register the exchange first): its backtests then load nothing. Returns how many it adopted.
   */
  seed(engine: Engine): number;
}

/**
 * The function a runner module exports for `createTrialPool`: runs one job (plain data) and resolves to its
 * result (plain data). Outside a pool (in process) `context` is absent and the runner loads candles itself.
 */
export type PoolRunner<Job, Result> = (job: Job, context?: PoolRunnerContext) => Promise<Result>;
