/**
 * One OHLCV candle. `timestamp` is the candle's OPEN time in epoch milliseconds (ccxt convention):
 * a candle with interval `iv` covers `[timestamp, timestamp + iv)` and is closed at `timestamp + iv`.
 */
export interface Candle {
  /** Open time, epoch milliseconds, UTC. */
  readonly timestamp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-asset volume. */
  readonly volume: number;
}

/**
 * A zero-copy columnar view of consecutive candles (typed-array slices of the core's candle store).
 * Index `i` of every column describes the same candle. Oldest first.
 */
export interface CandleColumns {
  readonly length: number;
  readonly timestamp: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}
