import type { PoolLaunch } from "./pool-launch.js";
import { type PoolTaskBytes, WorkerPool } from "./worker-pool.js";

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

  /** What every pool of the engine copied to its workers so far (`lastTaskBytes`: the newest pool's). */
  taskBytes(): PoolTaskBytes {
    let tasks = 0;
    let totalBytes = 0;
    let sharedBytesReferenced = 0;
    let lastTaskBytes = 0;
    for (const pool of this.pools.values()) {
      const bytes = pool.taskBytes();
      tasks += bytes.tasks;
      totalBytes += bytes.totalBytes;
      sharedBytesReferenced += bytes.sharedBytesReferenced;
      if (bytes.tasks > 0) lastTaskBytes = bytes.lastTaskBytes;
    }
    return { tasks, lastTaskBytes, totalBytes, sharedBytesReferenced };
  }

  /** Terminates every pool's workers. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}
