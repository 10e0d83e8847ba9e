/**
 * One measured walker run in a fresh process: `--concurrency N`. Prints one JSON line: the wall time and the CPU
 * time (all threads) of `Walker.run`, worker start-up and candle loading included, the trade count and a digest
 * of the results.
 */
import { createHash } from "node:crypto";
import { Walker } from "@candlewick/core";
import { BENCH_SYMBOL, BENCH_WALKER } from "./walker-bench-setup.js";

const flag = process.argv.indexOf("--concurrency");
const concurrency = flag === -1 ? 1 : Number(process.argv[flag + 1]);

const began = performance.now();
const cpuBefore = process.cpuUsage();
for await (const _ of Walker.run(BENCH_SYMBOL, { walkerName: BENCH_WALKER, concurrency })) {
  // progress is not printed: it would be measured too
}
const wallMs = performance.now() - began;
const cpu = process.cpuUsage(cpuBefore);
// CPU time of every thread of the process (user + system): the work done, whatever else runs on the machine.
const cpuMs = (cpu.user + cpu.system) / 1000;
const data = Walker.getData(BENCH_WALKER, BENCH_SYMBOL);
const digest = createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 16);
const trades = data.strategies.reduce((sum, row) => sum + row.stats.tradeCount, 0);
console.log(JSON.stringify({ concurrency, wallMs, cpuMs, trades, best: data.bestStrategy, digest }));
