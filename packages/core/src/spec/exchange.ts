import type { Candle } from "./candle.js";
import type { CandleInterval } from "./interval.js";

/**
 * A data source for candles, registered with `addExchange`. Implemented by users, by
 * `createCsvExchange` (offline files) and by `@candlewick/exchange-ccxt`.
 */
export interface ExchangeSchema {
  /** Unique name the runs refer to (`exchangeName`). */
  readonly exchangeName: string;
  /**
   * Returns up to `limit` candles of `symbol` at `interval` whose open time is `>= since`, oldest first.
   * Fewer than `limit` (or none) means there is no more data in that direction. The core pages through
   * this in large requests and caches the result; it never asks for the same range twice in one process.
   */
  getCandles(
    symbol: string,
    interval: CandleInterval,
    since: Date,
    limit: number,
  ): Promise<readonly Candle[]>;
  /** Rounds a price to the market's precision, as a string. Defaults to 8 significant decimals trimmed. */
  formatPrice?(symbol: string, price: number): string | Promise<string>;
  /** Rounds a quantity to the market's precision, as a string. */
  formatQuantity?(symbol: string, quantity: number): string | Promise<string>;
  /** The largest `limit` the source serves in one call; the core pages with it. Default 1000. */
  readonly maxCandlesPerRequest?: number;
  /** Free text shown in listings. */
  readonly note?: string;
}
