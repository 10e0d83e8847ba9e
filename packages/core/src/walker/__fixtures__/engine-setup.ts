/**
 * Setup module that registers on the engine it is given (`setup(engine)`), not on the default engine: the walker's
 * worker threads call it with a fresh engine of their own.
 */
import { fileURLToPath } from "node:url";
import { createCsvExchange, type Engine, getCandles } from "@candlewick/core";

export const ENGINE_WALKER_STRATEGIES = ["engine-breakout-12", "engine-breakout-24"] as const;

const dataDir = fileURLToPath(new URL("../../../../../data/candles/sets/spot-2026-03", import.meta.url));

export function setup(engine: Engine): void {
  engine.addExchange(createCsvExchange({ exchangeName: "engine-csv", dir: dataDir }));
  engine.addFrame({
    frameName: "engine-week",
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-08T00:00:00Z"),
  });
  for (const [index, hours] of [12, 24].entries()) {
    engine.addStrategy({
      strategyName: ENGINE_WALKER_STRATEGIES[index]!,
      interval: "15m",
      async getSignal(symbol) {
        const candles = await getCandles(symbol, "1h", hours + 1);
        if (candles.length < hours + 1) return null;
        const price = candles.at(-1)!.close;
        if (price <= Math.max(...candles.slice(0, -1).map((candle) => candle.high))) return null;
        return { position: "long", priceTakeProfit: price * 1.01, priceStopLoss: price * 0.99, minuteEstimatedTime: 240 };
      },
    });
  }
}
