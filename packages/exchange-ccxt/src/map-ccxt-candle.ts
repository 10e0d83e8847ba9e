import type { Candle } from "@candlewick/core";
import type { OHLCV } from "ccxt";

/**
 * One ccxt OHLCV row (`[timestamp, open, high, low, close, volume]`) as a `Candle`. Missing fields become NaN
 * so that `checkCandles` (core) rejects the row instead of a silent zero slipping through.
 */
export function mapCcxtCandle(row: OHLCV): Candle {
  const field = (index: number): number => {
    const value = row[index];
    return typeof value === "number" ? value : Number.NaN;
  };
  return {
    timestamp: field(0),
    open: field(1),
    high: field(2),
    low: field(3),
    close: field(4),
    volume: field(5),
  };
}
