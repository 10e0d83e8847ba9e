import { fileURLToPath } from "node:url";
import { addExchange, addFrame, addStrategy, createCsvExchange, getCandles } from "@candlewick/core";

/**
 * The registrations the seed samples assume: an exchange named "binance" (here: the real Binance 1m candles
 * shipped in data/candles, so the samples run offline), a strategy "my-strategy" and a frame "1d-backtest".
 */
export function registerSeedComponents(): void {
  const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
  addExchange(createCsvExchange({ exchangeName: "binance", dir: dataDir }));
  addFrame({
    frameName: "1d-backtest",
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-02T00:00:00Z"),
  });
  addStrategy({
    strategyName: "my-strategy",
    interval: "5m",
    getSignal: async (symbol) => {
      // Buy after three rising 5m closes, sell after three falling ones.
      const candles = await getCandles(symbol, "5m", 4);
      if (candles.length < 4) return null;
      const [a, b, c, d] = candles.map((candle) => candle.close) as [number, number, number, number];
      if (a < b && b < c && c < d) {
        return {
          position: "long",
          priceTakeProfit: d * 1.006,
          priceStopLoss: d * 0.994,
          minuteEstimatedTime: 120,
        };
      }
      if (a > b && b > c && c > d) {
        return {
          position: "short",
          priceTakeProfit: d * 0.994,
          priceStopLoss: d * 1.006,
          minuteEstimatedTime: 120,
        };
      }
      return null;
    },
  });
}
