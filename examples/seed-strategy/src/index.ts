import { addStrategy, getCandles, type SignalDto } from "@candlewick/core";

/**
 * The seeds' "my-strategy", decided from four closes one step apart (oldest first): three rises give a long,
 * three falls a short, with take-profit and stop-loss 0.6% away and two hours at most; anything else, no trade.
 */
export function momentumSignal(closes: readonly [number, number, number, number]): SignalDto | null {
  const [a, b, c, d] = closes;
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
}

/** Registers the momentum strategy on the last four closed 5m candles, under `strategyName`. */
export function addSeedStrategy(strategyName = "my-strategy"): void {
  addStrategy({
    strategyName,
    interval: "5m",
    getSignal: async (symbol) => {
      const candles = await getCandles(symbol, "5m", 4);
      if (candles.length < 4) return null;
      return momentumSignal(candles.map((candle) => candle.close) as [number, number, number, number]);
    },
  });
}
