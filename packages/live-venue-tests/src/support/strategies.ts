import { getCandles, type StrategySchema } from "@candlewick/core";

/**
 * A long of a fixed 0.01 at every half hour, out by expiry ten minutes later (its ±3% bracket is far out of a
 * ten-minute BTC range in these candles): every leg is a market order at a known tick, so where each one must
 * land at the venue follows from the candles alone.
 */
export const halfHourly: StrategySchema = {
  strategyName: "half-hourly",
  interval: "30m",
  async getSignal(symbol) {
    const price = (await getCandles(symbol, "1m", 1)).at(-1)!.close;
    return {
      position: "long",
      quantity: 0.01,
      priceTakeProfit: price * 1.03,
      priceStopLoss: price * 0.97,
      minuteEstimatedTime: 10,
    };
  },
};
