import type { CandleInterval } from "@candlewick/core";

/** One cached series: the candles of one symbol at one interval on one exchange. */
export interface SeriesKey {
  /** Cache key of the exchange: the ccxt id, with `-sandbox` for a sandbox instance. */
  readonly exchange: string;
  /** Unified ccxt symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  readonly interval: CandleInterval;
}
