/**
 * Strategies and setup for the portfolio tests: real 1m candles (Binance spot BTC, ETH and SOL, 2026-03/04), one
 * engine per test, and three strategies that together use every part of the position model: plain brackets,
 * a take-profit ladder with a trailing stop, and a DCA add from `onOpenInterval`.
 */
import { fileURLToPath } from "node:url";
import {
  type BacktestResult,
  type CandlewickConfig,
  commitAverageBuy,
  createCsvExchange,
  createEngine,
  type Engine,
  getCandles,
  getPosition,
  type StrategySchema,
} from "@candlewick/core";

export const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"] as const;
export const EXCHANGE = "portfolio-csv";
export const FRAME = "portfolio-week";
const dataDir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));

/** Long on a breakout above the last hour's high: a plain bracket. */
export const breakout: StrategySchema = {
  strategyName: "breakout",
  interval: "15m",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 61);
    if (candles.length < 61) return null;
    const price = candles.at(-1)!.close;
    const high = Math.max(...candles.slice(0, -1).map((candle) => candle.high));
    if (price <= high) return null;
    return {
      position: "long",
      priceTakeProfit: price * 1.01,
      priceStopLoss: price * 0.99,
      minuteEstimatedTime: 240,
    };
  },
};

/** Long after a fall below the last 30 minutes' low, with a two-rung ladder and a trailing stop. */
export const dipLadder: StrategySchema = {
  strategyName: "dip-ladder",
  interval: "15m",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 31);
    if (candles.length < 31) return null;
    const price = candles.at(-1)!.close;
    const low = Math.min(...candles.slice(0, -1).map((candle) => candle.low));
    if (price >= low) return null;
    return {
      position: "long",
      priceTakeProfit: price * 1.02,
      priceStopLoss: price * 0.985,
      minuteEstimatedTime: 360,
      takeProfitLadder: [
        { distancePercent: 0.4, fraction: 0.4 },
        { distancePercent: 0.8, fraction: 0.3 },
      ],
      trailingStop: { distancePercent: 0.6, activationPercent: 0.3 },
    };
  },
};

/** Short on a breakdown below the last hour's low; adds once (DCA) when the price went 0.3% against it. */
export const shortDca: StrategySchema = {
  strategyName: "short-dca",
  interval: "30m",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 61);
    if (candles.length < 61) return null;
    const price = candles.at(-1)!.close;
    const low = Math.min(...candles.slice(0, -1).map((candle) => candle.low));
    if (price >= low) return null;
    return {
      position: "short",
      priceTakeProfit: price * 0.99,
      priceStopLoss: price * 1.012,
      minuteEstimatedTime: 300,
    };
  },
  onOpenInterval(symbol) {
    const position = getPosition(symbol);
    if (position === null || position.entries.length > 1) return;
    if (position.markPrice > position.averagePrice * 1.003) commitAverageBuy(symbol, 50);
  },
};

export const STRATEGIES = [breakout, dipLadder, shortDca];

/** A fresh engine with the shipped candles, a 7-day frame and the three strategies. */
export function portfolioEngine(config?: Partial<CandlewickConfig>): Engine {
  const engine = createEngine(config === undefined ? {} : { config });
  engine.addExchange(createCsvExchange({ exchangeName: EXCHANGE, dir: dataDir }));
  engine.addFrame({
    frameName: FRAME,
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-08T00:00:00Z"),
  });
  for (const strategy of STRATEGIES) engine.addStrategy(strategy);
  return engine;
}

export async function collect(results: AsyncIterable<BacktestResult>): Promise<BacktestResult[]> {
  const out: BacktestResult[] = [];
  for await (const result of results) out.push(result);
  return out;
}
