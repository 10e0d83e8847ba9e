/**
 * Setup module of the parallel-walker tests: registers an exchange over the shipped real candles, a one-week
 * frame, four strategies and a walker naming this very module. The test imports it in its own thread; each
 * worker thread imports it again, so both sides hold the same registrations.
 */
import { fileURLToPath } from "node:url";
import { addExchange, addFrame, addStrategy, addWalker, createCsvExchange, getCandles, type SignalDto } from "@candlewick/core";

export const FIXTURE_WALKER = "fixture-walker";
export const FIXTURE_STRATEGIES = ["fixture-sma-8-21", "fixture-sma-5-34", "fixture-dip-limit", "fixture-never"] as const;

const dataDir = fileURLToPath(new URL("../../../../../data/candles/sets/spot-2026-03", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "fixture-csv", dir: dataDir }));
addFrame({
  frameName: "fixture-week",
  interval: "1m",
  startDate: new Date("2026-04-01T00:00:00Z"),
  endDate: new Date("2026-04-08T00:00:00Z"),
});

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** SMA(fast) / SMA(slow) cross on 15m closes; TP/SL ±1%, 6 hours. */
function smaCross(strategyName: string, fast: number, slow: number): void {
  addStrategy({
    strategyName,
    interval: "15m",
    async getSignal(symbol): Promise<SignalDto | null> {
      const closes = (await getCandles(symbol, "15m", slow + 1)).map((candle) => candle.close);
      if (closes.length < slow + 1) return null;
      const now = closes.slice(1);
      const before = closes.slice(0, -1);
      const crossUp = mean(before.slice(-fast)) <= mean(before) && mean(now.slice(-fast)) > mean(now);
      const crossDown = mean(before.slice(-fast)) >= mean(before) && mean(now.slice(-fast)) < mean(now);
      const price = now[now.length - 1]!;
      if (crossUp) return { position: "long", priceTakeProfit: price * 1.01, priceStopLoss: price * 0.99, minuteEstimatedTime: 360 };
      if (crossDown) return { position: "short", priceTakeProfit: price * 0.99, priceStopLoss: price * 1.01, minuteEstimatedTime: 360 };
      return null;
    },
  });
}

smaCross("fixture-sma-8-21", 8, 21);
smaCross("fixture-sma-5-34", 5, 34);

// A limit entry 0.3% under the last close every 4 hours: exercises scheduled, activated and cancelled signals.
addStrategy({
  strategyName: "fixture-dip-limit",
  interval: "4h",
  async getSignal(symbol): Promise<SignalDto | null> {
    const [last] = await getCandles(symbol, "1m", 1);
    if (last === undefined) return null;
    const entry = last.close * 0.997;
    return { position: "long", priceOpen: entry, priceTakeProfit: entry * 1.008, priceStopLoss: entry * 0.992, minuteEstimatedTime: 240 };
  },
});

// Never trades: every ratio is null, so it can never be the best.
addStrategy({ strategyName: "fixture-never", interval: "1h", getSignal: () => null });

addWalker({
  walkerName: FIXTURE_WALKER,
  exchangeName: "fixture-csv",
  frameName: "fixture-week",
  strategies: FIXTURE_STRATEGIES,
  setupModule: new URL(import.meta.url),
});
