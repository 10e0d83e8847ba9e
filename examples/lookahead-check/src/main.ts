import { createCsvExchange } from "@candlewick/core";
import { analyzeLookahead, describeDecision } from "@candlewick/research";
import type { StrategyDefinition } from "@candlewick/sdk";
import type { z } from "zod";
import { DATA_FOLDER } from "./data-folder.js";
import honestTrend from "./honest-trend.js";
import wholeFileRange from "./whole-file-range.js";

// A week of decisions, with the nine days before it as history, from the repository's real BTCUSDT candles.
const from = new Date("2026-04-01T00:00:00Z");
const to = new Date("2026-04-08T00:00:00Z");
const exchange = createCsvExchange({ dir: DATA_FOLDER });
const candles = (
  await exchange.getCandles("BTCUSDT", "1m", new Date("2026-03-23T00:00:00Z"), 100_000)
).filter((candle) => candle.timestamp < to.getTime());

/** Runs the analysis, prints what changed, and says whether the outcome is the expected one. */
async function check<Schema extends z.ZodType>(strategy: StrategyDefinition<Schema>, expectCaught: boolean) {
  const report = await analyzeLookahead(strategy, { candles, from, to, samples: 20, candleDir: DATA_FOLDER });
  console.log(
    `${report.strategyName}: ${report.decisions} decisions (${report.signals} signals), ${report.sampled.length} re-made with the data cut, ${report.differences.length} changed`,
  );
  for (const { time, full, cut } of report.differences.slice(0, 3)) {
    console.log(
      `  ${new Date(time).toISOString()}  full: ${describeDecision(full)}  cut: ${describeDecision(cut)}`,
    );
  }
  return report.differences.length > 0 === expectCaught;
}

// The example checks itself: the cheat must be caught, the honest strategy must come out clean.
const caught = await check(wholeFileRange, true);
const clean = await check(honestTrend, false);
if (!caught || !clean) {
  console.error("unexpected result: the whole-file strategy must be caught and the honest one clean");
  process.exitCode = 1;
}
