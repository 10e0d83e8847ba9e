/**
 * Everything the walker compares, registered in one module. main.ts imports it, and so does each worker thread
 * of `Walker.run(..., { concurrency: 2 })` (functions cannot cross threads, so workers register the same things
 * by importing this module: it must only register, never run anything).
 */
import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  addWalker,
  createCsvExchange,
  getCandles,
  type SignalDto,
} from "@candlewick/core";

export const WALKER_NAME = "spot-2026-03-walker";
export const EXCHANGE_NAME = "binance-files";
export const FRAME_NAME = "march-april-2026";

// Real Binance spot 1m candles shipped with the repo: BTC, ETH and SOL over the same 30 days.
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
addExchange(createCsvExchange({ exchangeName: EXCHANGE_NAME, dir: dataDir }));
addFrame({
  frameName: FRAME_NAME,
  interval: "1m",
  startDate: new Date("2026-03-24T00:00:00Z"),
  endDate: new Date("2026-04-22T00:00:00Z"),
});

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

const long = (price: number, move: number, minutes: number): SignalDto => ({
  position: "long",
  priceTakeProfit: price * (1 + move),
  priceStopLoss: price * (1 - move),
  minuteEstimatedTime: minutes,
});
const short = (price: number, move: number, minutes: number): SignalDto => ({
  position: "short",
  priceTakeProfit: price * (1 - move),
  priceStopLoss: price * (1 + move),
  minuteEstimatedTime: minutes,
});

/** Fast/slow moving-average cross on 15m closes. */
function smaCross(strategyName: string, fast: number, slow: number, move: number): void {
  addStrategy({
    strategyName,
    interval: "15m",
    note: `SMA(${fast}) / SMA(${slow}) cross on 15m closes, TP/SL ±${move * 100}%`,
    async getSignal(symbol) {
      const closes = (await getCandles(symbol, "15m", slow + 1)).map((candle) => candle.close);
      if (closes.length < slow + 1) return null;
      const now = closes.slice(1);
      const before = closes.slice(0, -1);
      const price = now[now.length - 1]!;
      const wasAbove = mean(before.slice(-fast)) > mean(before);
      const isAbove = mean(now.slice(-fast)) > mean(now);
      if (!wasAbove && isAbove) return long(price, move, 720);
      if (wasAbove && !isAbove) return short(price, move, 720);
      return null;
    },
  });
}

smaCross("sma-10-30", 10, 30, 0.012);
smaCross("sma-20-50", 20, 50, 0.015);

// Mean reversion: RSI(14) of 15m closes (simple averages of gains and losses) below 25 buys, above 75 sells.
addStrategy({
  strategyName: "rsi-reversion",
  interval: "15m",
  async getSignal(symbol) {
    const closes = (await getCandles(symbol, "15m", 15)).map((candle) => candle.close);
    if (closes.length < 15) return null;
    let gains = 0;
    let losses = 0;
    for (let i = 1; i < closes.length; i++) {
      const change = closes[i]! - closes[i - 1]!;
      if (change > 0) gains += change;
      else losses -= change;
    }
    const rsi = losses === 0 ? 100 : 100 - 100 / (1 + gains / losses);
    const price = closes[closes.length - 1]!;
    if (rsi < 25) return long(price, 0.01, 360);
    if (rsi > 75) return short(price, 0.01, 360);
    return null;
  },
});

// Breakout: a 1h close above the previous 24 hours' high buys, below their low sells.
addStrategy({
  strategyName: "breakout-24h",
  interval: "1h",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1h", 25);
    if (candles.length < 25) return null;
    const last = candles[candles.length - 1]!;
    const window = candles.slice(0, -1);
    if (last.close > Math.max(...window.map((candle) => candle.high))) return long(last.close, 0.02, 1440);
    if (last.close < Math.min(...window.map((candle) => candle.low))) return short(last.close, 0.02, 1440);
    return null;
  },
});

// Buy the dip with a limit order: every 4 hours, a limit 0.4% under the last close (a scheduled entry that
// activates when the price comes down to it, or is cancelled after 2 hours).
addStrategy({
  strategyName: "dip-limit",
  interval: "4h",
  async getSignal(symbol) {
    const [last] = await getCandles(symbol, "1m", 1);
    if (last === undefined) return null;
    const entry = last.close * 0.996;
    return { ...long(entry, 0.01, 480), priceOpen: entry };
  },
});

addWalker({
  walkerName: WALKER_NAME,
  exchangeName: EXCHANGE_NAME,
  frameName: FRAME_NAME,
  strategies: ["sma-10-30", "sma-20-50", "rsi-reversion", "breakout-24h", "dip-limit"],
  metric: "sharpeRatio",
  setupModule: new URL(import.meta.url),
});
