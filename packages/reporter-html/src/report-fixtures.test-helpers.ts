// Real report data for the browser test and the example: backtests on the repository's Binance 1m candles.
import { fileURLToPath } from "node:url";
import {
  type BacktestData,
  type Candle,
  computeStatistics,
  createCsvExchange,
  createEngine,
  type Engine,
  getCandles,
  type LiveData,
  type PortfolioData,
  type SignalDto,
  type SignalEvent,
  type StrategySchema,
  type WalkerData,
} from "@candlewick/core";
import type { OptimizationReportData } from "./optimization-input.js";
import { loadReportCandles } from "./report-candles.js";

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

  return { backtest, candles, portfolio, walker, live: liveFromTrades(backtest), optimization };
}

/**
 * Live-shaped data from a backtest's trades: each trade as its `opened` then `closed` event, and the last trade
 * still open (its close not yet happened), as `Live.getData` reports a strategy mid-run.
 */
function liveFromTrades(data: BacktestData): LiveData {
  const closed = data.signalList.slice(0, -1);
  const open = data.signalList.at(-1);
  const events: SignalEvent[] = [];
  for (const trade of data.signalList) {
    events.push({
      ...trade,
      action: "opened",
      backtest: false,
      frameName: "",
      timestamp: trade.signal.pendingAt,
      signal: trade.signal,
    } as SignalEvent);
    if (trade !== open) events.push({ ...trade, backtest: false, frameName: "" });
  }
  events.sort((a, b) => a.timestamp - b.timestamp);
  const periodEnd = open?.signal.pendingAt ?? END;
  return {
    strategyName: data.strategyName,
    symbols: [...new Set(events.map((event) => event.symbol))],
    ...computeStatistics(closed, { periodStart: START, periodEnd }),
    totalEvents: events.length,
    eventCounts: { scheduled: 0, opened: data.signalList.length, closed: closed.length, cancelled: 0 },
    events,
  };
}
