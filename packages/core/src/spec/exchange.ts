import type { Candle, CandleColumns } from "./candle.js";
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
  /**
   * Optional: the same candles as `getCandles`, as typed-array columns. When present the core loads history
   * through it, with no object per candle (a source that already holds columns, like `createCsvExchange`,
   * serves views of its own arrays: the core copies what it keeps and validates it by the same rule).
   */
  getCandleColumns?(
    symbol: string,
    interval: CandleInterval,
    since: Date,
    limit: number,
  ): Promise<CandleColumns>;
  /** Rounds a price to the market's precision, as a string. Defaults to 8 significant decimals trimmed. */
  formatPrice?(symbol: string, price: number): string | Promise<string>;
  /** Rounds a quantity to the market's precision, as a string. */
  formatQuantity?(symbol: string, quantity: number): string | Promise<string>;
  /** The largest `limit` the source serves in one call; the core pages with it. Default 1000. */
  readonly maxCandlesPerRequest?: number;
  /** Free text shown in listings. */
  readonly note?: string;
}
