import type { CandleColumns, CandleInterval } from "@candlewick/core";
import type { IndicatorInstance, IndicatorRecipe } from "./indicator-recipe.js";
import { type PriceSource, priceAt } from "./price-source.js";

/** Values kept per stream for `offset` reads: the latest and the 31 before it. */
export const STREAM_HISTORY = 32;

/**
 * One indicator fed incrementally: every closed candle is added exactly once, in order, and the last
 * {@link STREAM_HISTORY} values are kept. Feeding the same candles in one batch or in many chunks gives the
 * same values.
 */
export class IndicatorStream<Result> {
  /** Open time of the last candle added; -Infinity before the first. */
  lastTimestamp = Number.NEGATIVE_INFINITY;
  /** Open time of the newest closed candle the stream has asked for (fed or found missing). */
  checkedUntil = Number.NEGATIVE_INFINITY;
  private readonly instance: IndicatorInstance<Result, never>;
  private readonly ring: (Result | null)[] = new Array(STREAM_HISTORY).fill(null);
  private count = 0;

  constructor(
    private readonly recipe: IndicatorRecipe<Result>,
    private readonly source: PriceSource,
    /** Closed candles fed on first use. */
    readonly warmup: number,
    /** Interval of the candles it is fed. */
    readonly interval: CandleInterval,
  ) {
    this.instance = recipe.create() as IndicatorInstance<Result, never>;
  }

  /** Adds the candles of `columns` newer than {@link lastTimestamp}, oldest first. */
  feed(columns: CandleColumns): void {
    const { timestamp, length } = columns;
    let from = 0;
    while (from < length && timestamp[from]! <= this.lastTimestamp) from++;
    if (from === length) return;
    const instance = this.instance as IndicatorInstance<Result, unknown>;
    const keepFrom = length - STREAM_HISTORY;
    const isPrice = this.recipe.input === "price";
    for (let i = from; i < length; i++) {
      instance.add(
        isPrice
          ? priceAt(columns, i, this.source)
          : { high: columns.high[i]!, low: columns.low[i]!, close: columns.close[i]! },
      );
      // Only the newest STREAM_HISTORY values can ever be read: skip reading the others.
      if (i >= keepFrom) this.ring[this.count % STREAM_HISTORY] = instance.read();
      this.count++;
    }
    this.lastTimestamp = timestamp[length - 1]!;
  }

  /** The value after the latest candle (`offset` 0) or `offset` candles before it; null when not stable then. */
  value(offset = 0): Result | null {
    if (offset >= this.count) return null;
    return this.ring[(this.count - 1 - offset) % STREAM_HISTORY]!;
  }
}
