import { addStrategy, getCandles } from "@candlewick/core";

/**
 * The strategy: nothing in it knows where its state is kept. Three rising 5m closes: long; three falling:
 * short; take-profit and stop-loss 0.6% away, two hours at most.
 */
export function registerStrategy(): void {
  addStrategy({
    strategyName: "my-strategy",
    interval: "5m",
    getSignal: async (symbol) => {
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
