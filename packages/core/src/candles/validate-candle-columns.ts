import { candlesToTable, tableToCandles } from "../exchanges/candle-table.js";
import type { CandleColumns } from "../spec/candle.js";
import { isSaneCandle, validateCandles } from "./validate-candles.js";

/**
 * Checks the columns an exchange's `getCandleColumns` returned by the rule of `checkCandles`. The usual page
 * (every row sane, open times strictly increasing) costs one pass, allocates nothing and comes back as is;
 * any other goes through `validateCandles` as candle objects, so a duplicate is dropped and a bad candle
 * reported exactly as when it comes from `getCandles`.
 */
export function validateCandleColumns(
  exchangeName: string,
  symbol: string,
  stepMs: number,
  columns: CandleColumns,
): CandleColumns {
  const { length, timestamp, open, high, low, close, volume } = columns;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const time = timestamp[i]!;
    // `!(a > b)` is also true for NaN, which the rule then names.
    if (
      !(time > previous) ||
      !isSaneCandle(time, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!, stepMs)
    ) {
      return candlesToTable(validateCandles(exchangeName, symbol, stepMs, tableToCandles(columns)));
    }
    previous = time;
  }
  return columns;
}
