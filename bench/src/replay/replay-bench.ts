import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { median } from "../measure-backtest.js";
import type { ReplayMeasurement, ReplayMode } from "./replay-child.js";

/**
 * `pnpm bench:replay`: N symbols × 7 days as N Backtests (one after the other) and as one replay with N Live runs
 * (memory persist, the paper path), tick by tick and with `prefetch`; same strategy as `pnpm bench`. Each
 * measurement runs in a fresh child process; figures are medians of `BENCH_RUNS` (default 3) children per mode.
 * Every mode must make the same trades: the bench fails otherwise.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COUNTS = (process.env.BENCH_REPLAY_SYMBOLS ?? "20,200").split(",").map(Number);
const here = fileURLToPath(new URL("./replay-child.ts", import.meta.url));
const nodeArgs = ["--import", "tsx", "--conditions=@candlewick/source"];

function child(mode: ReplayMode, count: number): ReplayMeasurement {
  const output = execFileSync(
    process.execPath,
    [...nodeArgs, here, "--mode", mode, "--count", String(count)],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as ReplayMeasurement;
}

const MODES = ["backtest", "replay", "prefetch"] as const;
const LABELS: Record<ReplayMode, (count: number) => string> = {
  backtest: (count) => `${count} Backtests`,
  replay: (count) => `1 replay, ${count} Live runs`,
  prefetch: (count) => `1 replay (prefetch), ${count} Live runs`,
};

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Candlewick replay benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores), ${RUNS} runs per row`,
);
console.log(
  "Strategy: SMA(20)/SMA(50) cross via getCandles (as in `pnpm bench`); 2025-07-12 → 07-19 (7 d, 10,080 1m ticks per symbol).\n",
);
console.log(
  "| symbols | mode | trades | symbol-ticks | time (median) | CPU (median) | symbol-ticks/s (by time) | peak RSS | ÷ backtest (time, CPU) |",
);
console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
let mismatch = false;
for (const count of COUNTS) {
  const runs: Record<ReplayMode, ReplayMeasurement[]> = { backtest: [], replay: [], prefetch: [] };
  // Alternating the modes, so a drift of the machine touches them alike.
  for (let run = 0; run < RUNS; run++) {
    for (const mode of MODES) runs[mode].push(child(mode, count));
  }
  const time = (mode: ReplayMode) => median(runs[mode].map((m) => m.ms));
  const cpu = (mode: ReplayMode) => median(runs[mode].map((m) => m.cpuMs));
  for (const mode of MODES) {
    const first = runs[mode][0]!;
    const ratio =
      mode === "backtest"
        ? ""
        : `${fmt(time(mode) / time("backtest"), 2)}×, ${fmt(cpu(mode) / cpu("backtest"), 2)}×`;
    console.log(
      `| ${count} | ${LABELS[mode](count)} | ${fmt(first.trades)} | ${fmt(first.symbolTicks)} | ${fmt(time(mode))} ms | ${fmt(cpu(mode))} ms | ${fmt((first.symbolTicks / time(mode)) * 1000)} | ${fmt(median(runs[mode].map((m) => m.peakRssMb)))} MB | ${ratio} |`,
    );
  }
  const hashes = new Set(MODES.flatMap((mode) => runs[mode].map((m) => m.tradesHash)));
  if (hashes.size !== 1) {
    mismatch = true;
    console.log(
      `\n${count} symbols: the replay's trades differ from the backtests' (${hashes.size} different sets).`,
    );
  }
}
console.log(
  "\nSymbols: the shipped BTCUSDT and ETHUSDT 1m candles taken in turn, symbol k moved later by floor(k / 2) × 12 h " +
    "(bench/src/replay/hour-shifted-exchange.ts). The replay starts a minute early (its first tick is the backtest's " +
    "first) and runs 240 min past the week so its last positions close, as a backtest's do: its symbol-ticks include " +
    "that tail. Trades: every position opened in the week, compared field by field (id, mode and names aside).",
);
if (mismatch) process.exitCode = 1;
else console.log("Trades: identical in every mode, in every run.");
