import {
  commitAverageBuy,
  commitPartialProfit,
  getCandles,
  getDate,
  getPosition,
  type StrategySchema,
} from "@candlewick/core";

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

/**
 * Long when the price is under where it was a quarter of an hour ago, sized at 300 USDT, with a trailing stop;
 * while open it adds 100 USDT once (DCA) when the price is 0.3% under the average, and takes half off once when it
 * is 0.4% over. Every kind of leg the order flow sends: a market entry, an add, a partial exit, and exits decided
 * on the levels (trailing stop, stop-loss, take-profit) or by expiry. No entry from `lastEntry` on, so that with
 * a two-hour lifetime every trade is closed two hours later.
 */
export function dipAddTrail(lastEntry: number): StrategySchema {
  return {
    strategyName: "dip-add-trail",
    interval: "15m",
    async getSignal(symbol) {
      if (getDate().getTime() >= lastEntry) return null;
      const candles = await getCandles(symbol, "1m", 16);
      if (candles.length < 16) return null;
      const price = candles.at(-1)!.close;
      if (price >= candles[0]!.close) return null;
      return {
        position: "long",
        cost: 300,
        priceTakeProfit: price * 1.02,
        priceStopLoss: price * 0.985,
        minuteEstimatedTime: 120,
        trailingStop: { distancePercent: 0.5, activationPercent: 0.3 },
      };
    },
    onOpenInterval(symbol) {
      const position = getPosition(symbol);
      if (position === null) return;
      if (position.entries.length === 1 && position.markPrice < position.averagePrice * 0.997) {
        commitAverageBuy(symbol, 100);
      } else if (position.exits.length === 0 && position.markPrice > position.averagePrice * 1.004) {
        commitPartialProfit(symbol, 50);
      }
    },
  };
}
