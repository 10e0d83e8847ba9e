import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine } from "@candlewick/core";
import {
  atLeast,
  jsonLinesStudyStorage,
  monteCarlo,
  optimize,
  searchSpaceFromStrategy,
  tpeSampler,
} from "@candlewick/research";
import { createStrategySchema } from "@candlewick/sdk";
import { smaCross } from "./sma-cross.js";

// Real Binance spot 1m candles shipped with the repository (data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
const engine = createEngine({ name: "research-basics" });
engine.addExchange(createCsvExchange({ exchangeName: "binance-files", dir: dataDir }));
engine.addFrame({
  frameName: "april-2026",
  interval: "1m",
  startDate: new Date("2026-03-25T00:00:00Z"),
  endDate: new Date("2026-04-22T00:00:00Z"),
});
engine.listenError((error) => console.error(`error: ${error.message}`));

/** One backtest of a parameter set on BTCUSDT: core's statistics and trades. */
async function backtest(params: Record<string, unknown>, strategyName: string) {
  const schema = createStrategySchema(smaCross, params, { strategyName });
  engine.addStrategy(schema);
  for await (const _ of engine.Backtest.run("BTCUSDT", {
    strategyName: schema.strategyName,
    exchangeName: "binance-files",
    frameName: "april-2026",
  })) {
    // the trades are read back with getData
  }
  return engine.Backtest.getData(schema.strategyName);
}

// The space comes from the zod params: fast 3..30, slow 20..120 by 5, stopLossPct 0.6..2.5 (core refuses stops nearer than 0.5%).
const space = searchSpaceFromStrategy(smaCross);
// A study log in a file: stop this script and run it again, and it carries on where it stopped (delete the
// file to start over).
const logDir = fileURLToPath(new URL("../.studies/", import.meta.url));
mkdirSync(logDir, { recursive: true });
const started = performance.now();
const study = await optimize({
  space,
  sampler: tpeSampler(),
  trials: 50,
  seed: 7,
  constraints: [atLeast("tradeCount", 10)],
  storage: jsonLinesStudyStorage(`${logDir}sma-cross.jsonl`),
  objective: async (params, { number }) => {
    const data = await backtest(params, `trial-${number}`);
    return { value: data.totalPnl ?? 0, metrics: { tradeCount: data.tradeCount } };
  },
});
const seconds = (performance.now() - started) / 1000;

const pct = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(2)}%`;
const infeasible = study.trials.filter((trial) => trial.state === "infeasible").length;
console.log(
  `TPE on sma-cross, BTCUSDT 2026-03-25 → 2026-04-22: ${study.ranTrials} trials run in ${seconds.toFixed(1)} s, ` +
    `${study.resumedTrials} resumed from the log; ${infeasible} infeasible (under 10 trades)`,
);
const ranked = study.trials
  .filter((trial) => trial.state === "complete")
  .sort((a, b) => b.value - a.value)
  .slice(0, 5);
console.log("\n| trial | fast | slow | stop % | trades | total PnL |\n|---:|---:|---:|---:|---:|---:|");
for (const trial of ranked) {
  const { fast, slow, stopLossPct } = trial.params as { fast: number; slow: number; stopLossPct: number };
  console.log(
    `| ${trial.number} | ${fast} | ${slow} | ${stopLossPct.toFixed(2)} | ${trial.metrics.tradeCount} | ${pct(trial.value)} |`,
  );
}
const best = study.best;
if (best === undefined) throw new Error("no feasible trial: every parameter set made fewer than 10 trades");

// Monte Carlo of the best parameter set's trades: how much of its result is the order the trades came in?
// Run again: a resumed study has the parameters but not the trades.
const bestData = await backtest(best.params, "best");
const returns = bestData.signalList.map((trade) => trade.pnl.pnlPercentage);
console.log(
  `\nMonte Carlo of trial ${best.number}'s ${returns.length} trades, 2,000 runs each (seed 1); ` +
    "returns compound here, while total PnL above adds them:",
);
console.log(
  "\n| method | statistic | actual | p5 | p25 | p50 | p75 | p95 |\n|---|---|---:|---:|---:|---:|---:|---:|",
);
for (const method of ["shuffle", "bootstrap"] as const) {
  const result = monteCarlo(returns, { method, simulations: 2000, seed: 1 });
  const rows = [
    ["final return", result.actual.finalReturnPct, result.finalReturnPct, pct],
    ["max drawdown", result.actual.maxDrawdownPct, result.maxDrawdownPct, (v: number) => `${v.toFixed(2)}%`],
    [
      "losing streak",
      result.actual.longestLosingStreak,
      result.longestLosingStreak,
      (v: number) => v.toFixed(0),
    ],
  ] as const;
  for (const [label, actual, spread, format] of rows) {
    const cells = [spread.p5, spread.p25, spread.p50, spread.p75, spread.p95].map(format).join(" | ");
    console.log(`| ${method} | ${label} | ${format(actual)} | ${cells} |`);
  }
}
await engine.dispose();
