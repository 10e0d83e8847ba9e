import type { Candle, CandleColumns } from "../spec/candle.js";

/** Candle columns (typed arrays), oldest first: how CSV files and roll-ups hold candles in memory. */
export type CandleTable = CandleColumns;

/** Six equally long columns `[timestamp, open, high, low, close, volume]` cut to `[start, start + count)`. */
export function toCandleTable(columns: readonly Float64Array[], start: number, count: number): CandleTable {
  const [timestamp, open, high, low, close, volume] = columns.map((column) =>
    column.subarray(start, start + count),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { length: count, timestamp, open, high, low, close, volume };
}

/** `candles` as a table (the values are copied). */
export function candlesToTable(candles: readonly Candle[]): CandleTable {
  const length = candles.length;
  // Columns of their own, not views: a live tick's page of one candle then costs no subarray (a slow call).
  const timestamp = new Float64Array(length);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const candle = candles[i]!;
    timestamp[i] = candle.timestamp;
    open[i] = candle.open;
    high[i] = candle.high;
    low[i] = candle.low;
    close[i] = candle.close;
    volume[i] = candle.volume;
  }
  return { length, timestamp, open, high, low, close, volume };
}

/** Rows `[from, to)` of `table` (all of them by default) as candles, oldest first. */
export function tableToCandles(table: CandleTable, from = 0, to = table.length): Candle[] {
  const candles = new Array<Candle>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    candles[i - from] = {
      timestamp: table.timestamp[i]!,
      open: table.open[i]!,
      high: table.high[i]!,
      low: table.low[i]!,
      close: table.close[i]!,
      volume: table.volume[i]!,
    };
  }
  return candles;
}

/** Rows `[from, to)` of `columns` as views (no copy). */
export function sliceCandleColumns(columns: CandleColumns, from: number, to: number): CandleColumns {
  // All of it: the columns themselves (views cost a subarray call each).
  if (from === 0 && to === columns.length) return columns;
  return {
    length: to - from,
    timestamp: columns.timestamp.subarray(from, to),
    open: columns.open.subarray(from, to),
    high: columns.high.subarray(from, to),
    low: columns.low.subarray(from, to),
    close: columns.close.subarray(from, to),
    volume: columns.volume.subarray(from, to),
  };
}

/** `parts` one after the other: the only part itself when there is one, else a copy into new columns. */
export function concatCandleColumns(parts: readonly CandleColumns[]): CandleColumns {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const part of parts) total += part.length;
  const columns = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(total));
  let at = 0;
  for (const part of parts) {
    const sources = [part.timestamp, part.open, part.high, part.low, part.close, part.volume];
    for (let c = 0; c < 6; c++) columns[c]!.set(sources[c]!.subarray(0, part.length), at);
    at += part.length;
  }
  return toCandleTable(columns, 0, total);
}
