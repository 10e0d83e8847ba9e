import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderWalkForwardHtml } from "@candlewick/reporter-html";
import { atLeast, searchSpaceFromStrategy, walkForward, walkForwardMarkdown } from "@candlewick/research";
import { smaCross } from "./sma-cross.js";

// Thirty days of real BTCUSDT candles cut into rolling folds: optimise on 10 days, trade the best parameters on
// the 5 days after, move on by 5 days. The out-of-sample trades are stitched into one record.
const strategyModule = fileURLToPath(new URL("./sma-cross.ts", import.meta.url));
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03/", import.meta.url));
const day = 86_400_000;
const startMs = Date.parse("2026-03-24T00:00:00Z");

const result = await walkForward({
  windows: {
    mode: "rolling",
    startMs,
    endMs: startMs + 28 * day,
    inSampleMs: 10 * day,
    outOfSampleMs: 6 * day,
  },
  space: searchSpaceFromStrategy(smaCross),
  trials: 20,
  seed: 1,
  // In-sample trials on two worker threads sharing the candles (and two at a time): the result is the in-process one.
  workers: 2,
  constraints: [atLeast("tradeCount", 4)],
  template: {
    studyId: "example-walk-forward",
    strategyModule,
    exportName: "smaCross",
    symbols: ["BTCUSDT"],
    candles: { kind: "csv", dir },
    frame: { interval: "1m" },
    objective: { statistic: "totalPnl", aggregate: "mean", unavailable: 0 },
    metrics: [],
  },
  onFold: (fold) =>
    console.error(`fold ${fold.window.index}: ${fold.outOfSample.trades.length} out-of-sample trades`),
});

const info = {
  title: "Walk-forward of SMA cross on BTCUSDT (rolling, 10 d in sample, 6 d out of sample)",
  settings: ["TPE, 20 trials per fold, seed 1", "objective: total PnL, at least 4 trades in sample"],
  statistic: "totalPnl",
};
console.log(walkForwardMarkdown(result, info));

// As a self-contained HTML page (out-of-sample equity against the in-sample pace, folds, WFE), in ./reports.
const reports = fileURLToPath(new URL("../reports/", import.meta.url));
mkdirSync(reports, { recursive: true });
writeFileSync(`${reports}walk-forward.html`, renderWalkForwardHtml({ ...info, ...result }));
console.log(`wrote ${reports}walk-forward.html`);
