import {
  addStrategy,
  type CandleInterval,
  getCandles,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";

/** Mean of `values[from, to)` of the candle closes. */
function mean(closes: readonly { close: number }[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += closes[i]!.close;
  return sum / (to - from);
}

/**
 * The benchmark strategy: SMA(20)/SMA(50) cross on 1m closes, TP/SL ±1%, lifetime 240 minutes. Written the way
 * a user would, with `getCandles` objects, so the figure includes the engine's strategy-facing API.
 */
export function addSmaCrossStrategy(strategyName: string, interval: CandleInterval = "1m"): void {
  addStrategy(smaCrossStrategy(strategyName, interval));
}

/** The benchmark strategy's schema, for registering it with an engine of one's own. */
export function smaCrossStrategy(strategyName: string, interval: CandleInterval = "1m"): StrategySchema {
  return {
    strategyName,
    interval,
    async getSignal(symbol): Promise<SignalDto | null> {
      const candles = await getCandles(symbol, "1m", 51);
      if (candles.length < 51) return null;
      const n = candles.length;
      const fastNow = mean(candles, n - 20, n);
      const slowNow = mean(candles, n - 50, n);
      const fastBefore = mean(candles, n - 21, n - 1);
      const slowBefore = mean(candles, n - 51, n - 1);
      const price = candles[n - 1]!.close;
      if (fastBefore <= slowBefore && fastNow > slowNow) {
        return {
          position: "long",
          priceTakeProfit: price * 1.01,
          priceStopLoss: price * 0.99,
          minuteEstimatedTime: 240,
        };
      }
      if (fastBefore >= slowBefore && fastNow < slowNow) {
        return {
          position: "short",
          priceTakeProfit: price * 0.99,
          priceStopLoss: price * 1.01,
          minuteEstimatedTime: 240,
        };
      }
      return null;
    },
  };
}
