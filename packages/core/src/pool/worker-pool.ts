import { serialize } from "node:v8";
import type { Transferable } from "node:worker_threads";
import { Tinypool } from "tinypool";
import type { PoolLaunch } from "./pool-launch.js";
import type { PoolTask } from "./pool-protocol.js";

/** Bytes of the task messages a pool posted: what is copied to the workers (shared candles are not). */
export interface PoolTaskBytes {
  readonly tasks: number;
  /** Structured-clone size of the last task. */
  readonly lastTaskBytes: number;
  readonly totalBytes: number;
  /** Bytes of shared candles the tasks referred to (passed by reference: not copied). */
  readonly sharedBytesReferenced: number;
}

/**
 * A fixed number of worker threads (tinypool) that import the pool worker once each and then take tasks, kept
 * warm until `close()`. Idle workers do not keep the process alive.
 */
export class WorkerPool {
  private readonly pool: Tinypool;
  private tasks = 0;
  private lastTaskBytes = 0;
  private totalBytes = 0;
  private sharedBytesReferenced = 0;
  private closed = false;

  constructor(
    readonly launch: PoolLaunch,
    readonly threads: number,
  ) {
    this.pool = new Tinypool({
      filename: launch.filename,
      minThreads: threads,
      maxThreads: threads,
      execArgv: [...launch.execArgv],
    });
  }

  /** Runs a task on the next free worker and resolves to its answer; `signal` terminates that worker. */
  run<Reply>(
    task: PoolTask,
    transferList: readonly Transferable[] = [],
    signal?: AbortSignal,
  ): Promise<Reply> {
    const bytes = taskMessageBytes(task);
    this.tasks += 1;
    this.lastTaskBytes = bytes;
    this.totalBytes += bytes;
    for (const share of task.candles) this.sharedBytesReferenced += share.buffer.byteLength;
    return this.pool.run(task, {
      transferList: [...transferList] as never,
      signal: signal ?? null,
    }) as Promise<Reply>;
  }

  /** What the tasks so far copied to the workers. */
  taskBytes(): PoolTaskBytes {
    return {
      tasks: this.tasks,
      lastTaskBytes: this.lastTaskBytes,
      totalBytes: this.totalBytes,
      sharedBytesReferenced: this.sharedBytesReferenced,
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Terminates the workers (tasks still running fail). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy();
  }
}

/**
 * Structured-clone size of a task: what `postMessage` copies. A SharedArrayBuffer is passed by reference and a
 * transferred port is moved, so they are counted as the few bytes of a reference (left out here).
 */
export function taskMessageBytes(task: PoolTask): number {
  const candles = task.candles.map(({ buffer: _shared, ...rest }) => rest);
  const copied = task.kind === "walker" ? { ...task, port: null, candles } : { ...task, candles };
  return serialize(copied).byteLength;
}
