import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parallelCapacity } from "./walker-bench-cpu-check.js";

/**
 * `pnpm bench:walker`: eight SMA-cross strategies on 1m closes over real BTCUSDT candles (the 30-day aligned set,
 * the 90-day file, and the 30 days again with strategies whose own code is heavy), compared by the Walker one
 * after another (`concurrency: 1`) and on two worker threads
 * (`concurrency: 2`). Every run is a fresh process, so each pays its own candle loading and, in parallel, worker
 * start-up (each worker registers tsx, loads the core from source, imports the setup module and reads the
 * candles). Times are medians. CPU time (all threads of the process) and "cores used" (CPU / wall) tell the
 * work apart from the machine: on a shared machine a parallel run that gets less than two cores cannot go twice
 * as fast. The digest shows that both modes produced the same results.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const child = fileURLToPath(new URL("./walker-bench-child.ts", import.meta.url));

interface ChildResult {
  concurrency: number;
  wallMs: number;
  cpuMs: number;
  trades: number;
  best: string | null;
  digest: string;
}

function measure(span: string, work: string, concurrency: number): ChildResult {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@candlewick/source", child, "--concurrency", String(concurrency)],
    { encoding: "utf8", env: { ...process.env, WALKER_BENCH_SPAN: span, WALKER_BENCH_WORK: work } },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as ChildResult;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

console.log(
  `Candlewick walker benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${availableParallelism()} cores)`,
);
console.log("8 strategies: SMA cross on 1m closes (8 window pairs), TP/SL ±1%, 240 min; BTCUSDT 1m candles.");
console.log(
  `${RUNS} fresh processes per mode, alternating; wall time of Walker.run (start-up and candle loading included).\n`,
);
console.log(
  `Machine check before the runs: two threads of pure arithmetic ran ${(await parallelCapacity()).toFixed(2)}x as fast as one. Load average: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(", ")}.\n`,
);
console.log(
  "| data | mode | wall, each run (ms) | wall median | CPU median (all threads) | cores used | trades | best | results digest |",
);
console.log("|---|---|---|---:|---:|---:|---:|---|---|");

let identical = true;
/** `WALKER_BENCH_ROWS=pool`: only the warm-pool row (the figure), without the fresh-process rows. */
const poolRowOnly = process.env.WALKER_BENCH_ROWS === "pool";
for (const [span, work, label] of poolRowOnly
  ? []
  : ([
      ["30d", "light", "30 days, aligned set (43,199 ticks)"],
      ["90d", "light", "90 days (129,600 ticks)"],
      ["30d", "heavy", "30 days, heavy strategies (1-week volatility every tick)"],
    ] as const)) {
  const runs: [ChildResult[], ChildResult[]] = [[], []];
  for (let run = 0; run < RUNS; run++) {
    runs[0].push(measure(span, work, 1));
    runs[1].push(measure(span, work, 2));
  }
  const medians = runs.map((mode) => median(mode.map((result) => result.wallMs)));
  runs.forEach((mode, index) => {
    const first = mode[0]!;
    const name = index === 0 ? "sequential (concurrency 1)" : "2 worker threads (concurrency 2)";
    const times = mode.map((result) => result.wallMs.toFixed(0)).join(", ");
    const cpu = median(mode.map((result) => result.cpuMs));
    const cores = median(mode.map((result) => result.cpuMs / result.wallMs));
    console.log(
      `| ${label} | ${name} | ${times} | ${medians[index]!.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ${cores.toFixed(2)} | ${first.trades} | ${first.best} | ${first.digest} |`,
    );
  });
  const digests = new Set([...runs[0], ...runs[1]].map((result) => result.digest));
  if (digests.size !== 1) identical = false;
  const speedUp = (medians[0]! / medians[1]!).toFixed(2);
  console.log(
    `| ${label} | speed-up (median sequential / median parallel) | | ${speedUp}x | | | | | ${digests.size === 1 ? "identical" : "DIFFERENT"} |`,
  );
}
/**
 * The pool's figure: the same 90 days, the core built (packages/core/dist, no source condition, so the workers
 * start from JavaScript), each process running the walker twice on its engine and timing the second run: candles
 * already in (shared) memory, the engine's pool warm. The first run of each process is shown as "cold".
 */
const poolChild = fileURLToPath(new URL("./walker-pool-bench-child.ts", import.meta.url));
interface PoolChildResult extends ChildResult {
  coldMs: number;
  taskBytes: number;
  sharedBytesPerTask: number;
}
function measureWarm(concurrency: number): PoolChildResult {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", poolChild, "--concurrency", String(concurrency)],
    {
      encoding: "utf8",
      env: { ...process.env, WALKER_BENCH_SPAN: "90d", WALKER_BENCH_WORK: "light" },
    },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as PoolChildResult;
}
{
  const label = "90 days, built core, warm pool (2nd run of a process)";
  const runs: [PoolChildResult[], PoolChildResult[]] = [[], []];
  const loads: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    loads.push(loadavg()[0]!.toFixed(2));
    runs[0].push(measureWarm(1));
    runs[1].push(measureWarm(2));
  }
  const medians = runs.map((mode) => median(mode.map((result) => result.wallMs)));
  runs.forEach((mode, index) => {
    const first = mode[0]!;
    const name = index === 0 ? "sequential (concurrency 1)" : "2 pool workers (concurrency 2)";
    const times = mode
      .map((result) => `${result.wallMs.toFixed(0)} (cold ${result.coldMs.toFixed(0)})`)
      .join(", ");
    const cpu = median(mode.map((result) => result.cpuMs));
    const cores = median(mode.map((result) => result.cpuMs / result.wallMs));
    console.log(
      `| ${label} | ${name} | ${times} | ${medians[index]!.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ${cores.toFixed(2)} | ${first.trades} | ${first.best} | ${first.digest} |`,
    );
  });
  const digests = new Set([...runs[0], ...runs[1]].map((result) => result.digest));
  if (digests.size !== 1) identical = false;
  console.log(
    `| ${label} | speed-up (median sequential / median parallel) | | ${(medians[0]! / medians[1]!).toFixed(2)}x | | | | | ${digests.size === 1 ? "identical" : "DIFFERENT"} |`,
  );
  const parallel = runs[1][0]!;
  console.log(
    `\nPool tasks: ${parallel.taskBytes} bytes copied per task (structured clone: names, config); ${parallel.sharedBytesPerTask.toLocaleString("en")} bytes of shared candles referred to per task, not copied. 1-minute load average before each pair: ${loads.join(", ")}.`,
  );
}

console.log(
  identical
    ? "\nSequential and parallel runs produced identical results."
    : "\nRESULTS DIFFER between modes.",
);
console.log(
  `Machine check after the runs: two threads of pure arithmetic ran ${(await parallelCapacity()).toFixed(2)}x as fast as one ` +
    `(about 2x on an idle 2-core machine, about 1x when other processes already use the cores).`,
);
if (!identical) process.exitCode = 1;
