import { execFileSync } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";

/**
 * `pnpm bench:walker`: eight SMA-cross strategies on 1m closes over real BTCUSDT candles (the 30-day aligned set,
 * the 90-day file, and the 30 days again with strategies whose own code is heavy), compared by the Walker one
 * after another (`concurrency: 1`) and on two worker threads
 * (`concurrency: 2`). Every run is a fresh process, so each pays its own candle loading and, in parallel, worker
 * start-up (each worker registers tsx, loads the core from source, imports the setup module and reads the
 * candles). Times are medians; the digest shows that both modes produced the same results.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const child = fileURLToPath(new URL("./walker-bench-child.ts", import.meta.url));

interface ChildResult {
  concurrency: number;
  wallMs: number;
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
console.log("| data | mode | runs (ms) | median | trades | best | results digest |");
console.log("|---|---|---|---:|---:|---|---|");

let identical = true;
for (const [span, work, label] of [
  ["30d", "light", "30 days, aligned set (43,199 ticks)"],
  ["90d", "light", "90 days (129,600 ticks)"],
  ["30d", "heavy", "30 days, heavy strategies (1-day volatility every tick)"],
] as const) {
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
    console.log(
      `| ${label} | ${name} | ${times} | ${medians[index]!.toFixed(0)} ms | ${first.trades} | ${first.best} | ${first.digest} |`,
    );
  });
  const digests = new Set([...runs[0], ...runs[1]].map((result) => result.digest));
  if (digests.size !== 1) identical = false;
  const speedUp = (medians[0]! / medians[1]!).toFixed(2);
  console.log(
    `| ${label} | speed-up (median sequential / median parallel) | | ${speedUp}x | | | ${digests.size === 1 ? "identical" : "DIFFERENT"} |`,
  );
}
console.log(
  identical
    ? "\nSequential and parallel runs produced identical results."
    : "\nRESULTS DIFFER between modes.",
);
if (!identical) process.exitCode = 1;
