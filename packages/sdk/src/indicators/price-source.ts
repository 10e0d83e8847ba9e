import type { CandleColumns } from "@candlewick/core";
import { InvalidArgumentError } from "@candlewick/core";

/**
 * Which price of a candle a single-input indicator (SMA, EMA, RSI, MACD, Bollinger Bands) is fed:
 * a column, or a classic blend — `hl2` = (high + low) / 2, `hlc3` = (high + low + close) / 3,
 * `ohlc4` = (open + high + low + close) / 4.
 */
export type PriceSource = "open" | "high" | "low" | "close" | "hl2" | "hlc3" | "ohlc4";

/** Every accepted {@link PriceSource}. */
export const PRICE_SOURCES: readonly PriceSource[] = ["open", "high", "low", "close", "hl2", "hlc3", "ohlc4"];

/** The price of candle `index` of `columns` for `source`. */
export function priceAt(columns: CandleColumns, index: number, source: PriceSource): number {
  switch (source) {
    case "close":
      return columns.close[index]!;
    case "open":
      return columns.open[index]!;
    case "high":
      return columns.high[index]!;
    case "low":
      return columns.low[index]!;
    case "hl2":
      return (columns.high[index]! + columns.low[index]!) / 2;
    case "hlc3":
      return (columns.high[index]! + columns.low[index]! + columns.close[index]!) / 3;
    case "ohlc4":
      return (columns.open[index]! + columns.high[index]! + columns.low[index]! + columns.close[index]!) / 4;
  }
}

/** `source` when it is a {@link PriceSource}, else an InvalidArgumentError naming `source`. */
export function checkPriceSource(component: string, source: unknown): PriceSource {
  if (!PRICE_SOURCES.includes(source as PriceSource)) {
    throw new InvalidArgumentError(component, "source", source, `one of ${PRICE_SOURCES.join(", ")}`);
  }
  return source as PriceSource;
}
