/**
 * The Walker flow: compare strategies on one symbol (on two worker threads), print the comparison and the best
 * strategy, then backtest the winner on the other symbols and dump markdown reports into ./dump.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  Backtest,
  Heat,
  listenError,
  listenWalkerComplete,
  Performance,
  Schedule,
  setReporter,
  Walker,
} from "@candlewick/core";
import { renderWalkerHtml } from "@candlewick/reporter-html";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";
import { EXCHANGE_NAME, FRAME_NAME, WALKER_NAME } from "./setup.js";

setReporter(createMarkdownReporter());
// Opt in to timing (it makes every backtest time each tick) so that Performance.dump has something to show.
Performance.enable();
listenError((error) => console.error(`error: ${error.message}`));
listenWalkerComplete((data) =>
  console.log(`\nWalker "${data.walkerName}" done: ${data.strategiesTested} strategies tested.\n`),
);

const symbol = "BTCUSDT";
const sharpe = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));

console.log(
  `Walker: comparing strategies on ${symbol}, Binance spot 1m candles, 2026-03-24 → 2026-04-22 (UTC)\n`,
);
for await (const progress of Walker.run(symbol, { walkerName: WALKER_NAME, concurrency: 2 })) {
  console.log(
    `[${progress.strategiesTested}/${progress.totalStrategies}] ${progress.strategyName.padEnd(14)} ` +
      `${String(progress.stats.tradeCount).padStart(3)} trades, Sharpe ${sharpe(progress.metricValue).padStart(6)}; ` +
      `best so far: ${progress.bestStrategy ?? "none"}`,
  );
}

console.log(Walker.getReport(WALKER_NAME, symbol));

// The ranking as a self-contained HTML page (bars and table), in ./reports (gitignored).
const reports = fileURLToPath(new URL("../reports/", import.meta.url));
mkdirSync(reports, { recursive: true });
writeFileSync(`${reports}walker.html`, renderWalkerHtml(Walker.getData(WALKER_NAME, symbol)));
console.log(`wrote ${reports}walker.html`);

const { bestStrategy, bestMetric, metricLabel } = Walker.getData(WALKER_NAME, symbol);
if (bestStrategy === null) {
  console.log("No strategy has a Sharpe ratio (too few trades): nothing to pick.");
} else {
  console.log(`Best strategy on ${symbol}: ${bestStrategy} (${metricLabel} ${sharpe(bestMetric)})`);

  // The walker's backtests are normal backtests: the winner's BTCUSDT trades are already in Backtest.getData.
  // Run it on ETH and SOL too, for a heat map across the three symbols.
  for (const other of ["ETHUSDT", "SOLUSDT"]) {
    for await (const _ of Backtest.run(other, {
      strategyName: bestStrategy,
      exchangeName: EXCHANGE_NAME,
      frameName: FRAME_NAME,
    })) {
      // trades are collected by the engine
    }
  }

  const files = [
    await Walker.dump(WALKER_NAME),
    await Backtest.dump(bestStrategy),
    await Heat.dump(bestStrategy),
    await Schedule.dump("dip-limit"),
    await Performance.dump(bestStrategy),
  ];
  console.log(`\nReports written:\n${files.map((file) => `- ${file}`).join("\n")}`);
}
