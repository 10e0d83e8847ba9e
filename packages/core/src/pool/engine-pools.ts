import type { PoolLaunch } from "./pool-launch.js";
import { WorkerPool } from "./worker-pool.js";

/**
 * The worker pools an engine started, one per (worker module, flags, thread count, scope), kept warm across runs
 * (a second `Walker.run` with the same concurrency reuses the workers, their imported setup module and candles)
 * and closed by `engine.dispose()`. Owned by the engine, so two engines never share workers. The scope is the
 * walker's setup module: one whose registrations land on a worker's default engine must not meet another's.
 */
export class EnginePools {
  private readonly pools = new Map<string, WorkerPool>();

  /** The pool for `launch` with `threads` workers in `scope`, started on first use. */
  get(launch: PoolLaunch, threads: number, scope: string): WorkerPool {
    const key = JSON.stringify([launch.filename, launch.execArgv, threads, scope]);
    let pool = this.pools.get(key);
    if (pool === undefined || pool.isClosed) {
      pool = new WorkerPool(launch, threads);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Every pool started so far (for measurements). */
  all(): readonly WorkerPool[] {
    return [...this.pools.values()];
  }

  /** Terminates every pool's workers. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}
