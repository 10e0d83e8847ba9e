// HTML reports for a backtest, a portfolio, a walker and an optimisation, on the repository's real Binance 1m
// candles. Run with `pnpm --filter @candlewick/example-html-report start` (or `pnpm run examples`); open the
// files in ./reports in any browser, with no network.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine } from "@candlewick/core";
import { createHtmlReporter, loadReportCandles } from "@candlewick/reporter-html";
import { memoryStudyStorage, optimize, randomSampler, searchSpaceFromStrategy } from "@candlewick/research";
import { createStrategySchema } from "@candlewick/sdk";
import { ladderCross } from "./ladder-cross.js";

const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
const outDir = fileURLToPath(new URL("../reports/", import.meta.url));
const from = new Date("2026-04-01T00:00:00Z");
const to = new Date("2026-04-15T00:00:00Z");
const exchange = createCsvExchange({ exchangeName: "binance-files", dir: dataDir });
const run = { exchangeName: "binance-files", frameName: "april-2026" };

const engine = createEngine({
  name: "html-report",
  config: { initialCapital: 10_000, sizing: { kind: "risk", fraction: 0.005 } },
});
engine.addExchange(exchange);
engine.addFrame({ frameName: run.frameName, interval: "1m", startDate: from, endDate: to });
engine.listenError((error) => console.error(`error: ${error.message}`));

const variants = [
  createStrategySchema(ladderCross, { fast: 8, slow: 30 }, { strategyName: "ladder-8-30" }),
  createStrategySchema(ladderCross, { fast: 10, slow: 40 }, { strategyName: "ladder-10-40" }),
  createStrategySchema(
    ladderCross,
    { fast: 20, slow: 60, stopLossPct: 1.2 },
    { strategyName: "ladder-20-60" },
  ),
];
for (const variant of variants) engine.addStrategy(variant);

async function drain(results: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of results) {
    // the engine keeps the results; they are read back with getData
  }
}

const reporter = createHtmlReporter();
mkdirSync(outDir, { recursive: true });
const write = (name: string, html: string, what: string) => {
  if (/<script[^>]+src=|<link[^>]+href=/i.test(html))
    throw new Error(`${name} loads something from outside the file`);
  writeFileSync(`${outDir}${name}`, html);
  console.log(`wrote reports/${name} (${Math.round(html.length / 1024)} KiB): ${what}`);
};

// 1. A backtest on two symbols, with the candles and every entry, partial exit and stop move on them.
for (const symbol of ["BTCUSDT", "ETHUSDT"]) {
  await drain(engine.Backtest.run(symbol, { strategyName: "ladder-10-40", ...run }));
}
const backtest = engine.Backtest.getData("ladder-10-40");
const candles = await loadReportCandles(exchange, backtest.symbols, from.getTime(), to.getTime());
const partials = backtest.signalList.reduce((n, t) => n + Math.max(t.signal.exits.length - 1, 0), 0);
write(
  "backtest.html",
  reporter.renderBacktest(backtest, { candles }),
  `${backtest.tradeCount} trades (${partials} partial exits), total PnL ${backtest.totalPnl?.toFixed(2)}%, max drawdown ${backtest.maxDrawdown?.toFixed(2)}%`,
);

// 2. A portfolio: two variants on three symbols, one account.
await drain(
  engine.Portfolio.run({
    symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
    strategies: ["ladder-8-30", "ladder-20-60"],
    ...run,
  }),
);
const portfolio = engine.Portfolio.getData();
write(
  "portfolio.html",
  reporter.renderPortfolio(portfolio),
  `${portfolio.signalList.length} trades, equity ${portfolio.statistics.initialCapital} -> ${portfolio.statistics.finalEquity.toFixed(2)} USDT`,
);

// 3. A walker: the three variants ranked by total PnL on SOLUSDT.
engine.addWalker({
  walkerName: "ladder-walker",
  ...run,
  strategies: variants.map((v) => v.strategyName),
  metric: "totalPnl",
});
await drain(engine.Walker.run("SOLUSDT", { walkerName: "ladder-walker" }));
const walker = engine.Walker.getData("ladder-walker", "SOLUSDT");
write(
  "walker.html",
  reporter.renderWalker(walker),
  `best ${walker.bestStrategy} (${walker.metricLabel} ${walker.bestMetric?.toFixed(2)})`,
);

// 4. An optimisation: 16 random trials over the strategy's zod space on BTCUSDT.
const study = await optimize({
  space: searchSpaceFromStrategy(ladderCross),
  sampler: randomSampler(),
  trials: 16,
  seed: 11,
  storage: memoryStudyStorage(),
  objective: async (params, { number }) => {
    const schema = createStrategySchema(ladderCross, params, { strategyName: `trial-${number}` });
    engine.addStrategy(schema);
    await drain(engine.Backtest.run("BTCUSDT", { strategyName: schema.strategyName, ...run }));
    const data = engine.Backtest.getData(schema.strategyName);
    return { value: data.totalPnl ?? 0, metrics: { tradeCount: data.tradeCount } };
  },
});
write(
  "optimization.html",
  reporter.renderOptimization({
    studyName: "ladder-cross",
    objectiveLabel: "total PnL %",
    direction: "maximize",
    trials: study.trials,
  }),
  `${study.trials.length} trials, best ${study.best?.value.toFixed(2)}% with ${JSON.stringify(study.best?.params)}`,
);
