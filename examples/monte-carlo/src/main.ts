import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderMonteCarloHtml } from "@candlewick/reporter-html";
import {
  createTrialJobRunner,
  monteCarlo,
  monteCarloDistributions,
  monteCarloMarkdown,
} from "@candlewick/research";
import { smaCross } from "./sma-cross.js";

// One backtest of the strategy's defaults on 30 days of BTCUSDT, then 2,000 shuffles and 2,000 bootstrap resamples
// of its trade returns: how much of the result is the order the trades came in, and how bad could it get?
const strategyModule = fileURLToPath(new URL("./sma-cross.ts", import.meta.url));
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03/", import.meta.url));
const startMs = Date.parse("2026-03-24T00:00:00Z");

const run = await createTrialJobRunner().withData({
  studyId: "example-monte-carlo",
  trialNumber: 0,
  strategyModule,
  exportName: "smaCross",
  params: smaCross.defaults,
  symbols: ["BTCUSDT"],
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs: startMs + 28 * 86_400_000 },
  objective: { statistic: "totalPnl", aggregate: "mean", unavailable: 0 },
  metrics: [],
});
const returns = run.data.get("BTCUSDT")!.signalList.map((trade) => trade.pnl.pnlPercentage);
const results = (["shuffle", "bootstrap"] as const).map((method) =>
  monteCarlo(returns, { method, simulations: 2000, seed: 1 }),
);
const info = {
  title: "Monte Carlo of SMA cross (defaults) on BTCUSDT, 2026-03-24 → 2026-04-21",
  settings: [`${returns.length} trades`, "2,000 simulations per method, seed 1"],
};
console.log(monteCarloMarkdown(results, info));

// As a self-contained HTML page: the same simulations kept as equity bands and histograms, in ./reports.
const distributions = (["shuffle", "bootstrap"] as const).map((method) =>
  monteCarloDistributions(returns, { method, simulations: 2000, seed: 1 }),
);
const reports = fileURLToPath(new URL("../reports/", import.meta.url));
mkdirSync(reports, { recursive: true });
writeFileSync(
  `${reports}monte-carlo.html`,
  renderMonteCarloHtml({ ...info, returnsPct: returns, results, distributions }),
);
console.log(`wrote ${reports}monte-carlo.html`);
