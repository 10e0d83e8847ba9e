import {
  type Candle,
  ExchangeError,
  type ExchangeSchema,
  INTERVAL_MS,
  InvalidArgumentError,
} from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";

const MINUTE = MINUTE_MS;

/**
 * An exchange serving one symbol's 1m candles from memory; longer intervals are rolled up from them (first open,
 * highest high, lowest low, last close, summed volume, buckets aligned to UTC; a last bucket the data stops
 * inside is dropped, as it had not closed). Used by the test harness.
 * @throws InvalidArgumentError when the candles are not 1m candles in strictly increasing order.
 */
export function createMemoryExchange(
  exchangeName: string,
  symbol: string,
  candles: readonly Candle[],
): ExchangeSchema {
  for (let i = 0; i < candles.length; i++) {
    const ts = candles[i]?.timestamp;
    if (typeof ts !== "number" || ts % MINUTE !== 0 || (i > 0 && ts <= candles[i - 1]!.timestamp)) {
      throw new InvalidArgumentError(
        "runStrategyOnCandles",
        `candles.${i}.timestamp`,
        ts,
        "1m open times (multiples of 60000 ms) in strictly increasing order",
      );
    }
  }
  const byInterval = new Map<number, readonly Candle[]>([[MINUTE, candles]]);
  const series = (step: number): readonly Candle[] => {
    let rolled = byInterval.get(step);
    if (rolled === undefined) {
      rolled = rollUp(candles, step);
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

function rollUp(minutes: readonly Candle[], step: number): Candle[] {
  const out: Candle[] = [];
  let current: { -readonly [K in keyof Candle]: Candle[K] } | undefined;
  for (const candle of minutes) {
    const start = Math.floor(candle.timestamp / step) * step;
    if (current === undefined || current.timestamp !== start) {
      current = { ...candle, timestamp: start };
      out.push(current);
    } else {
      current.high = Math.max(current.high, candle.high);
      current.low = Math.min(current.low, candle.low);
      current.close = candle.close;
      current.volume += candle.volume;
    }
  }
  const last = minutes.at(-1);
  if (current !== undefined && last !== undefined && last.timestamp + MINUTE < current.timestamp + step) {
    out.pop();
  }
  return out;
}
