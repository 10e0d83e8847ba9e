/**
 * One process of the warm-pool walker benchmark: `--concurrency N`, run with the core from its build (no
 * `@candlewick/source` condition, so `@candlewick/core` and the pool's workers are the built JavaScript of
 * packages/core/dist). Runs the walker twice on the default engine: the first run loads the candles (and, in
 * parallel, starts the engine's pool and imports the setup module in each worker); the second is the measured
 * one, as any later run on the same engine: candles in memory, workers warm. Prints one JSON line.
 */
import { createHash } from "node:crypto";
import { Walker } from "@candlewick/core";
import { threadCpu, threadCpuDelta } from "./thread-cpu.js";
import { BENCH_SYMBOL, BENCH_WALKER } from "./walker-bench-setup.js";

const flag = process.argv.indexOf("--concurrency");
const concurrency = flag === -1 ? 1 : Number(process.argv[flag + 1]);

async function timedRun(): Promise<{ wallMs: number; cpuMs: number; threads: Record<string, number> }> {
  const threadsBefore = threadCpu();
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  for await (const _ of Walker.run(BENCH_SYMBOL, { walkerName: BENCH_WALKER, concurrency })) {
    // progress is not printed: it would be measured too
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - began;
  const threads = threadCpuDelta(threadsBefore, threadCpu(), String(process.pid));
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, threads };
}

const cold = await timedRun();
const statsAfterCold = Walker.getPoolStats();
const warm = await timedRun();
const stats = Walker.getPoolStats();
const data = Walker.getData(BENCH_WALKER, BENCH_SYMBOL);
const digest = createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 16);
const trades = data.strategies.reduce((sum, row) => sum + row.stats.tradeCount, 0);
const warmTasks = stats.tasks - statsAfterCold.tasks;
console.log(
  JSON.stringify({
    concurrency,
    coldMs: cold.wallMs,
    wallMs: warm.wallMs,
    cpuMs: warm.cpuMs,
    threads: warm.threads,
    trades,
    best: data.bestStrategy,
    digest,
    taskBytes: stats.lastTaskBytes,
    sharedBytesPerTask:
      warmTasks === 0 ? 0 : (stats.sharedBytesReferenced - statsAfterCold.sharedBytesReferenced) / warmTasks,
  }),
);
