/**
 * The optimisation benchmark's runner module for core's `createTrialPool`: research's in-process trial runner
 * (which, given the pool's context, backtests from the calling thread's shared candles), plus the CPU time of
 * this worker thread over the trial, so the bench can tell the trials' own cost from the overhead around them.
 * Bench-local until research ships a pool-backed runner of its own.
 */
import { readFileSync } from "node:fs";
import type { PoolRunnerContext } from "@candlewick/core";
import { createTrialJobRunner, type TrialJob, type TrialJobResult } from "@candlewick/research";

const runner = createTrialJobRunner();

/** A trial's result and this thread's CPU time spent in it. */
export interface MeasuredTrialResult extends TrialJobResult {
  /** User + system CPU of this thread over the trial, ms (clock-tick resolution: sum many, do not read one). */
  readonly threadCpuMs: number;
}

/** User + system CPU time of the calling thread, ms (Linux: `/proc/thread-self/stat`, in clock ticks of 10 ms). */
export function threadCpuMs(): number {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function runMeasuredTrial(
  job: TrialJob,
  context?: PoolRunnerContext,
): Promise<MeasuredTrialResult> {
  const before = threadCpuMs();
  const { value, metrics } = await runner(job, context);
  return { value, metrics, threadCpuMs: threadCpuMs() - before };
}
