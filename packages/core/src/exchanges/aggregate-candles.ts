import { alignDown, MINUTE_MS } from "../candles/interval.js";
import type { Candle } from "../spec/candle.js";
import { type CandleTable, candlesToTable, tableToCandles, toCandleTable } from "./candle-table.js";

/**
 * Rolls 1m candles up to a longer interval aligned to the UTC epoch: first open, highest high, lowest low,
 * last close, summed volume. A bucket with missing minutes inside the data (an exchange halt) is kept, as the
 * exchange itself would report it; the first bucket is dropped when the data starts after it began, and the last
 * one when the data stops before it ended: the exchange's candle for those periods had more minutes than we have.
 */
export function aggregateCandles(minutes: CandleTable, stepMs: number): CandleTable {
  const n = minutes.length;
  const out = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(Math.ceil((n * MINUTE_MS) / stepMs) + 2));
  let count = -1;
  let bucket = Number.NaN;
  for (let i = 0; i < n; i++) {
    const ts = minutes.timestamp[i]!;
    const start = alignDown(ts, stepMs);
    if (start !== bucket) {
      count++;
      bucket = start;
      out[0]![count] = start;
      out[1]![count] = minutes.open[i]!;
      out[2]![count] = minutes.high[i]!;
      out[3]![count] = minutes.low[i]!;
      out[5]![count] = 0;
    } else {
      if (minutes.high[i]! > out[2]![count]!) out[2]![count] = minutes.high[i]!;
      if (minutes.low[i]! < out[3]![count]!) out[3]![count] = minutes.low[i]!;
    }
    out[4]![count] = minutes.close[i]!;
    out[5]![count]! += minutes.volume[i]!;
  }
  count++;
  if (count > 0 && n > 0 && minutes.timestamp[n - 1]! + MINUTE_MS < bucket + stepMs) count--;
  const first = n > 0 && count > 0 && minutes.timestamp[0]! > out[0]![0]! ? 1 : 0;
  count -= first;
  return toCandleTable(out, first, count);
}

/**
 * `aggregateCandles` for candles held as objects (the sdk's test exchange), so a unit test and a backtest over
 * `createCsvExchange` see the same longer candles: partial first and last buckets dropped.
 */
export function rollUpCandles(minutes: readonly Candle[], stepMs: number): Candle[] {
  return tableToCandles(aggregateCandles(candlesToTable(minutes), stepMs));
}
