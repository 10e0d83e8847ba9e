import {
  type Candle,
  ExchangeError,
  type ExchangeSchema,
  INTERVAL_MS,
  InvalidArgumentError,
} from "@candlewick/core";
import { MINUTE_MS, rollUpCandles } from "@candlewick/core/internal";

/**
 * An exchange serving one symbol's 1m candles from memory; longer intervals are rolled up from them by core's
 * roll-up, the one `createCsvExchange` uses (first open, highest high, lowest low, last close, summed volume,
 * buckets aligned to UTC; a first bucket the data starts inside and a last one it stops inside are dropped,
 * as the exchange's candles for them had more minutes). Used by the test harness.
 * @throws InvalidArgumentError when the candles are not 1m candles in strictly increasing order.
 */
export function createMemoryExchange(
  exchangeName: string,
  symbol: string,
  candles: readonly Candle[],
): ExchangeSchema {
  for (let i = 0; i < candles.length; i++) {
    const ts = candles[i]?.timestamp;
    if (typeof ts !== "number" || ts % MINUTE_MS !== 0 || (i > 0 && ts <= candles[i - 1]!.timestamp)) {
      throw new InvalidArgumentError(
        "runStrategyOnCandles",
        `candles.${i}.timestamp`,
        ts,
        "1m open times (multiples of 60000 ms) in strictly increasing order",
      );
    }
  }
  const byInterval = new Map<number, readonly Candle[]>([[MINUTE_MS, candles]]);
  const series = (step: number): readonly Candle[] => {
    let rolled = byInterval.get(step);
    if (rolled === undefined) {
      rolled = rollUpCandles(candles, step);
      byInterval.set(step, rolled);
    }
    return rolled;
  };
  return {
    exchangeName,
    maxCandlesPerRequest: 100_000,
    async getCandles(requested, interval, since, limit) {
      if (requested !== symbol) {
        throw new ExchangeError(
          exchangeName,
          `no candles for ${requested}; this test exchange has ${symbol}`,
          {
            symbol: requested,
          },
        );
      }
      const rows = series(INTERVAL_MS[interval]);
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows[mid]!.timestamp < since.getTime()) lo = mid + 1;
        else hi = mid;
      }
      return rows.slice(lo, lo + limit);
    },
  };
}
