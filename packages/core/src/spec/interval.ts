/** Every candle interval the core understands, shortest first. */
export const CANDLE_INTERVALS = [
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
] as const;

/** A candle interval, ccxt style ("1m", "15m", "1h", "1d", ...). */
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];
