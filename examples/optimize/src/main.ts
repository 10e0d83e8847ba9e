import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderOptimizationHtml } from "@candlewick/reporter-html";
import {
  atLeast,
  createPoolTrialRunner,
  optimize,
  searchSpaceFromStrategy,
  studyMarkdown,
  trialJobObjective,
} from "@candlewick/research";
import { smaCross } from "./sma-cross.js";

// Each trial is a TrialJob: plain data naming the strategy module, the params, the symbols, the candle folder and
// the window. Two worker threads backtest them here on candles loaded once and shared (runTrialJob would run them
// in this thread, a queue on other machines: the study is the same with each).
const strategyModule = fileURLToPath(new URL("./sma-cross.ts", import.meta.url));
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03/", import.meta.url));
const startMs = Date.parse("2026-03-25T00:00:00Z");

const runner = createPoolTrialRunner({ workers: 2 });
const study = await optimize({
  space: searchSpaceFromStrategy(smaCross),
  trials: 40,
  seed: 3,
  // Batches of 2: trial n of a batch sees only earlier batches, so the study is the same however trials finish.
  parallelism: 2,
  constraints: [atLeast("tradeCount", 8)],
  objective: trialJobObjective(runner, {
    studyId: "example-optimize",
    strategyModule,
    exportName: "smaCross",
    symbols: ["BTCUSDT", "ETHUSDT"],
    candles: { kind: "csv", dir },
    frame: { interval: "1m", startMs, endMs: startMs + 20 * 86_400_000 },
    // The mean of the two symbols' total PnL; a symbol without trades scores 0.
    objective: { statistic: "totalPnl", aggregate: "mean", unavailable: 0 },
    metrics: ["winRate", "maxDrawdown"],
  }),
}).finally(() => runner.close());

console.log(
  studyMarkdown(study.trials, {
    title: "SMA cross on BTCUSDT + ETHUSDT, 2026-03-25 → 2026-04-14",
    settings: [
      "TPE, 40 trials, seed 3, 2 at a time on 2 worker threads",
      "objective: mean total PnL over the symbols, at least 8 trades",
    ],
    statistic: "totalPnl",
    direction: "maximize",
    top: 5,
  }),
);

// The study as a self-contained HTML page (ranking, objective per parameter, heat map), in ./reports (gitignored).
const reports = fileURLToPath(new URL("../reports/", import.meta.url));
mkdirSync(reports, { recursive: true });
writeFileSync(
  `${reports}optimization.html`,
  renderOptimizationHtml({
    studyName: "sma-cross on BTCUSDT + ETHUSDT",
    objectiveLabel: "mean total PnL %",
    direction: "maximize",
    trials: study.trials,
  }),
);
console.log(`wrote ${reports}optimization.html`);
