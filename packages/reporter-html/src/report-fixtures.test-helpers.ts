// Real report data for the browser test and the example: backtests on the repository's Binance 1m candles.
import { fileURLToPath } from "node:url";
import {
  type BacktestData,
  type Candle,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  type Engine,
  getCandles,
  type LiveData,
  type PortfolioData,
  type SignalDto,
  type StrategySchema,
  type WalkerData,
} from "@candlewick/core";
import {
  defineSearchSpace,
  gridSampler,
  integerRange,
  monteCarlo,
  monteCarloDistributions,
  numberRange,
  walkForward,
} from "@candlewick/research";
import type { MonteCarloReportData } from "./monte-carlo-input.js";
import type { OptimizationReportData } from "./optimization-input.js";
import { loadReportCandles } from "./report-candles.js";
import type { WalkForwardReportData } from "./walk-forward-input.js";

const DATA_DIR = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
const EXCHANGE = "binance-files";
const FRAME = "april-week";
const START = Date.UTC(2026, 3, 1);
const END = Date.UTC(2026, 3, 8);

/** Every report kind, built from real runs. */
export interface ReportFixtures {
  readonly backtest: BacktestData;
  readonly candles: Record<string, Candle[]>;
  readonly portfolio: PortfolioData;
  readonly walker: WalkerData;
  readonly live: LiveData;
  readonly optimization: OptimizationReportData;
  readonly walkForward: WalkForwardReportData;
  readonly monteCarlo: MonteCarloReportData;
}

/**
 * An SMA cross on 15m closes with a take-profit ladder (a partial exit half-way) and a trailing stop (moved
 * stops), so the price chart has every kind of marker.
 */
function smaCross(strategyName: string, fast: number, slow: number, move: number): StrategySchema {
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    strategyName,
    interval: "15m",
    async getSignal(symbol) {
      const closes = (await getCandles(symbol, "15m", slow + 1)).map((candle) => candle.close);
      if (closes.length < slow + 1) return null;
      const now = closes.slice(1);
      const before = closes.slice(0, -1);
      const price = now.at(-1)!;
      const wasAbove = mean(before.slice(-fast)) > mean(before);
      const isAbove = mean(now.slice(-fast)) > mean(now);
      if (wasAbove === isAbove) return null;
      const long = isAbove;
      const signal: SignalDto = {
        position: long ? "long" : "short",
        priceTakeProfit: price * (long ? 1 + 2 * move : 1 - 2 * move),
        priceStopLoss: price * (long ? 1 - move : 1 + move),
        minuteEstimatedTime: 720,
        takeProfitLadder: [{ distancePercent: move * 100, fraction: 0.5 }],
        trailingStop: { distancePercent: move * 100, activationPercent: move * 50 },
      };
      return signal;
    },
  };
}

function engineWithData(name: string): Engine {
  const engine = createEngine({
    name,
    config: { initialCapital: 10_000, sizing: { kind: "risk", fraction: 0.005 } },
  });
  engine.addExchange(createCsvExchange({ exchangeName: EXCHANGE, dir: DATA_DIR }));
  engine.addFrame({ frameName: FRAME, interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  return engine;
}

async function drain(results: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of results) {
    // the engine keeps the results; they are read with getData
  }
}

/** Runs a backtest, a portfolio, a walker and a small parameter study; the live data is replayed from trades. */
export async function buildReportFixtures(): Promise<ReportFixtures> {
  const engine = engineWithData("reporter-html-fixtures");
  const variants = [
    ["sma-8-30", 8, 30, 0.006],
    ["sma-12-40", 12, 40, 0.008],
    ["sma-20-60", 20, 60, 0.01],
  ] as const;
  for (const [name, fast, slow, move] of variants) engine.addStrategy(smaCross(name, fast, slow, move));

  for (const symbol of ["BTCUSDT", "ETHUSDT"]) {
    await drain(
      engine.Backtest.run(symbol, { strategyName: "sma-8-30", exchangeName: EXCHANGE, frameName: FRAME }),
    );
  }
  const backtest = engine.Backtest.getData("sma-8-30");
  const exchange = createCsvExchange({ exchangeName: EXCHANGE, dir: DATA_DIR });
  const candles = await loadReportCandles(exchange, backtest.symbols, START, END);

  await drain(
    engine.Portfolio.run({
      symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
      strategies: ["sma-12-40", "sma-20-60"],
      exchangeName: EXCHANGE,
      frameName: FRAME,
    }),
  );
  const portfolio = engine.Portfolio.getData();

  engine.addWalker({
    walkerName: "sma-walker",
    exchangeName: EXCHANGE,
    frameName: FRAME,
    strategies: variants.map(([name]) => name),
    metric: "totalPnl",
  });
  await drain(engine.Walker.run("SOLUSDT", { walkerName: "sma-walker" }));
  const walker = engine.Walker.getData("sma-walker", "SOLUSDT");

  const trials: OptimizationReportData["trials"][number][] = [];
  let number = 0;
  for (const fast of [5, 10, 15]) {
    for (const move of [0.005, 0.01]) {
      const name = `trial-${number}`;
      engine.addStrategy(smaCross(name, fast, 40, move));
      await drain(
        engine.Backtest.run("BTCUSDT", { strategyName: name, exchangeName: EXCHANGE, frameName: FRAME }),
      );
      const data = engine.Backtest.getData(name);
      trials.push({
        number: number++,
        params: { fast, stopPct: move * 100 },
        value: data.totalPnl ?? 0,
        metrics: { tradeCount: data.tradeCount },
        state: data.tradeCount >= 3 ? "complete" : "infeasible",
      });
    }
  }
  const optimization: OptimizationReportData = {
    studyName: "sma-cross-grid",
    objectiveLabel: "total PnL %",
    direction: "maximize",
    trials,
  };

  const live = await liveOnReplay(engineWithData("reporter-html-live"));
  const returnsPct = backtest.signalList.map((trade) => trade.pnl.pnlPercentage);
  const methods = ["shuffle", "bootstrap"] as const;
  const monteCarloData: MonteCarloReportData = {
    title: "Monte Carlo of sma-8-30 on BTCUSDT and ETHUSDT",
    settings: [`${returnsPct.length} trades`, "2000 simulations per method, seed 7"],
    returnsPct,
    results: methods.map((method) => monteCarlo(returnsPct, { method, simulations: 2000, seed: 7 })),
    distributions: methods.map((method) =>
      monteCarloDistributions(returnsPct, { method, simulations: 2000, seed: 7 }),
    ),
  };
  return {
    backtest,
    candles,
    portfolio,
    walker,
    live,
    optimization,
    walkForward: await walkForwardOnCandles(),
    monteCarlo: monteCarloData,
  };
}

/**
 * Research's walk-forward on the same candles: rolling folds over April 1 – 15 (5 days in sample, 3 out of
 * sample, 3 folds), a 4-trial grid per fold. Fold 0 loses in sample (its WFE is n/a), folds 1 and 2 do not. The strategy module is research's own test fixture (an
 * SMA cross written with @candlewick/sdk), which the trial runner imports by path.
 */
async function walkForwardOnCandles(): Promise<WalkForwardReportData> {
  const day = 86_400_000;
  const start = Date.UTC(2026, 3, 1);
  const result = await walkForward({
    windows: {
      mode: "rolling",
      startMs: start,
      endMs: start + 14 * day,
      inSampleMs: 5 * day,
      outOfSampleMs: 3 * day,
    },
    space: defineSearchSpace({
      fast: integerRange(5, 10, { step: 5 }),
      slow: integerRange(30, 30),
      stopLossPct: numberRange(0.8, 1.6, { step: 0.8 }),
    }),
    sampler: () => gridSampler(),
    trials: 4,
    seed: 1,
    template: {
      studyId: "reporter-html-wf",
      strategyModule: fileURLToPath(
        new URL("../../research/src/jobs/__fixtures__/sma-cross.ts", import.meta.url),
      ),
      symbols: ["BTCUSDT"],
      candles: { kind: "csv", dir: DATA_DIR },
      frame: { interval: "1m" },
      objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -1000 },
      metrics: [],
    },
  });
  return {
    title: "Walk-forward of sma-cross on BTCUSDT (rolling, 5 d in sample, 3 d out of sample)",
    settings: ["grid of 4 trials per fold", "objective: total PnL"],
    statistic: "totalPnl",
    ...result,
  };
}

/**
 * A real live run: the SMA cross paper-trading BTCUSDT and ETHUSDT on a replay of two days of the candles (the
 * replay's clock, the fill model, in-memory state), read back with `Live.getData` as a running deployment
 * would be. The replay ends mid-position, so something is still open.
 */
async function liveOnReplay(engine: Engine): Promise<LiveData> {
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: EXCHANGE, dir: DATA_DIR }),
    exchangeName: "binance-replay",
    startDate: new Date(START),
    endDate: new Date(START + 2 * 86_400_000 + 7 * 3_600_000),
    prefetch: true,
  });
  engine.addExchange(replay.exchange);
  engine.addStrategy(smaCross("sma-live", 8, 30, 0.006));
  const persist = createMemoryPersist();
  await Promise.all(
    ["BTCUSDT", "ETHUSDT"].map((symbol) =>
      drain(engine.Live.run(symbol, { strategyName: "sma-live", exchangeName: "binance-replay", persist })),
    ),
  );
  return engine.Live.getData("sma-live");
}
