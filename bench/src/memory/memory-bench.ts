import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { median } from "../measure-backtest.js";
import type { MemoryMeasurement, Scenario } from "./memory-child.js";

/**
 * `pnpm bench:memory`: resident memory per candle held. Each measurement runs in a fresh child process, and
 * so does its baseline: the same set-up (engine code loaded, source files read) with no backtest, so
 * `(peak RSS - baseline peak RSS) / candles held` is what the engines' candles cost. The candles' own data is
 * 48 bytes (six float64 columns). Figures are medians of `BENCH_RUNS` (default 3) children.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const here = fileURLToPath(new URL("./memory-child.ts", import.meta.url));
const nodeArgs = ["--import", "tsx", "--conditions=@candlewick/source"];

function child(scenario: Scenario, count: number, capital = 1e9): MemoryMeasurement {
  const output = execFileSync(
    process.execPath,
    [...nodeArgs, here, "--scenario", scenario, "--count", String(count), "--capital", String(capital)],
    { encoding: "utf8" },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as MemoryMeasurement;
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Candlewick memory benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores), ${RUNS} runs per row`,
);
console.log("Strategy: SMA(20)/SMA(50) cross via getCandles (as in `pnpm bench`).\n");
console.log(
  "| backtests | trades | candles held | time (median) | CPU time (median) | peak RSS (median) | baseline peak RSS | bytes per candle held |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
const rows: { scenario: Scenario; count: number; label: string; capital?: number }[] = [
  { scenario: "engines", count: 200, label: "200 engines × BTCUSDT 7 d (2025-05-21 → 05-28)" },
  { scenario: "symbols", count: 100, label: "1 engine × 100 shifted symbols 30 d (2025-07-10 → 08-09)" },
  {
    scenario: "portfolio",
    count: 100,
    label:
      "Portfolio.run: the same 100 symbols × 30 d, one clock, unlimited capital (trades must equal the row above)",
  },
  {
    scenario: "portfolio",
    count: 100,
    capital: 10_000,
    label: "Portfolio.run: the same, 10 000 of capital and 100 per entry (entries compete for the cash)",
  },
];
for (const { scenario, count, label, capital } of rows) {
  const runs: MemoryMeasurement[] = [];
  const baselines: number[] = [];
  // Alternating baseline and measurement, so a drift of the machine touches both alike.
  for (let run = 0; run < RUNS; run++) {
    baselines.push(child(scenario, 0).peakRssMb);
    runs.push(child(scenario, count, capital));
  }
  const peak = median(runs.map((m) => m.peakRssMb));
  const baseline = median(baselines);
  const { candlesHeld, trades } = runs[0]!;
  const perCandle = ((peak - baseline) * 1024 * 1024) / candlesHeld;
  console.log(
    `| ${label} | ${fmt(trades)} | ${fmt(candlesHeld)} | ${fmt(median(runs.map((m) => m.ms)))} ms | ${fmt(median(runs.map((m) => m.cpuMs)))} ms | ${fmt(peak)} MB | ${fmt(baseline)} MB | ${fmt(perCandle)} B |`,
  );
}
console.log(
  "\nHow the 100 symbols are made: the shipped BTCUSDT and ETHUSDT 1m candles (2025-05-20 → 2025-08-18) taken in turn, " +
    "symbol k shifted later by floor(k / 2) whole days (BTCUSDT, ETHUSDT, BTCUSDT+1d, … ETHUSDT+49d): real candles, " +
    "only their open times moved, gap-free over the whole 30-day load (bench/src/shifted/).",
);
