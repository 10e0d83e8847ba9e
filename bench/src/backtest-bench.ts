import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { Measurement } from "./measure-backtest.js";
import { median } from "./measure-backtest.js";

/**
 * `pnpm bench`: the SMA(20)/SMA(50) cross strategy (1m, TP/SL ±1%, 240 min) on real BTCUSDT 1m candles over
 * 30, 60 and 90 days, then the three symbols of the aligned 30-day set in parallel. Every measurement runs in
 * a fresh child process so its peak RSS is its own; times are medians of several runs.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const nodeArgs = ["--import", "tsx", "--conditions=@candlewick/source"];

function child<T>(script: string, args: string[]): T {
  const output = execFileSync(process.execPath, [...nodeArgs, here(script), ...args], { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").pop()!) as T;
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Candlewick backtest benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores)`,
);
console.log(
  `Strategy: SMA(20)/SMA(50) cross on 1m closes via getCandles, TP/SL ±1%, lifetime 240 min. ${RUNS} runs per row.\n`,
);
console.log(
  "| span | frames (1m ticks) | trades | cold run (incl. CSV parse) | warm median | ticks/s (warm median) | peak RSS |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|");
const rows: Measurement[] = [];
for (const days of [30, 60, 90]) {
  const m = child<Measurement>("measure-child.ts", ["--days", String(days), "--runs", String(RUNS)]);
  rows.push(m);
  const warm = median(m.warmMs);
  console.log(
    `| ${days} d | ${fmt(m.frames)} | ${m.trades} | ${fmt(m.coldMs)} ms | ${fmt(warm, 1)} ms | ${fmt((m.frames / warm) * 1000)} | ${fmt(m.peakRssMb)} MB |`,
  );
}
const full = child<Measurement>("measure-child.ts", ["--days", "90.77", "--runs", String(RUNS)]);
const fullWarm = median(full.warmMs);
console.log(
  `| whole file (130,708 candles) | ${fmt(full.frames)} | ${full.trades} | ${fmt(full.coldMs)} ms | ${fmt(fullWarm, 1)} ms | ${fmt((full.frames / fullWarm) * 1000)} | ${fmt(full.peakRssMb)} MB |`,
);
const rsiEma = child<Measurement>("measure-child.ts", [
  "--days",
  "90",
  "--runs",
  String(RUNS),
  "--strategy",
  "rsi-ema",
]);
const rsiEmaWarm = median(rsiEma.warmMs);
console.log(
  `| 90 d, RSI(14)/EMA(50) on sdk streaming indicators | ${fmt(rsiEma.frames)} | ${rsiEma.trades} | ${fmt(rsiEma.coldMs)} ms | ${fmt(rsiEmaWarm, 1)} ms | ${fmt((rsiEma.frames / rsiEmaWarm) * 1000)} | ${fmt(rsiEma.peakRssMb)} MB |`,
);
const baseline = child<{ peakRssMb: number }>("baseline-child.ts", []);
console.log(
  `\nBaseline: a process that only loads the engine under tsx peaks at ${fmt(baseline.peakRssMb)} MB RSS.`,
);
const per30 = median(rows[0]!.warmMs);
console.log(
  `Growth: warm time 30→60→90 d = 1 : ${fmt(median(rows[1]!.warmMs) / per30, 2)} : ${fmt(median(rows[2]!.warmMs) / per30, 2)} (linear is 1 : 2 : 3); ` +
    `peak RSS ${rows.map((r) => fmt(r.peakRssMb)).join(" → ")} MB.`,
);

console.log("\nThree symbols of sets/spot-2026-03 (30 days, 43,199 candles each), in parallel:\n");
console.log("| mode | wall time (median) | ticks/s, all symbols | peak RSS |");
console.log("|---|---:|---:|---:|");
const setFrames = 3 * 43_199;
for (const mode of ["threads", "workers"] as const) {
  const result = child<{ times: number[]; peakRssMb: number }>("parallel-child.ts", [
    "--mode",
    mode,
    "--rounds",
    String(RUNS),
  ]);
  const warm = median(result.times.slice(1));
  const label = mode === "threads" ? "Promise.all, one thread" : "one worker thread per symbol";
  console.log(
    `| ${label} | ${fmt(warm, 1)} ms | ${fmt((setFrames / warm) * 1000)} | ${fmt(result.peakRssMb)} MB |`,
  );
}
