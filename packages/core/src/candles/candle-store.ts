import type { Candle, CandleColumns } from "../spec/candle.js";

const INITIAL_CAPACITY = 1024;

/**
 * Columnar in-memory candles of one (exchange, symbol, interval), sorted by open time without duplicates.
 * The kernel reads the typed arrays directly; strategies get frozen `Candle` objects that are created once
 * per candle on first use and then shared, so `getCandles` is a slice of pointers, not a copy of data.
 */
export class CandleStore {
  timestamp: Float64Array = new Float64Array(INITIAL_CAPACITY);
  open: Float64Array = new Float64Array(INITIAL_CAPACITY);
  high: Float64Array = new Float64Array(INITIAL_CAPACITY);
  low: Float64Array = new Float64Array(INITIAL_CAPACITY);
  close: Float64Array = new Float64Array(INITIAL_CAPACITY);
  volume: Float64Array = new Float64Array(INITIAL_CAPACITY);
  length = 0;
  // Preallocated to the store's capacity: writing far past an array's end would push V8 into slow dictionary mode.
  private objects: (Candle | undefined)[] = new Array(INITIAL_CAPACITY);

  /** Index of the first candle whose open time is `>= timestamp` (length when none). */
  lowerBound(timestamp: number): number {
    let lo = 0;
    let hi = this.length;
    const ts = this.timestamp;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! < timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The candle at `index` as a frozen object (created once, then reused). */
  candleAt(index: number): Candle {
    let candle = this.objects[index];
    if (candle === undefined) {
      candle = Object.freeze({
        timestamp: this.timestamp[index]!,
        open: this.open[index]!,
        high: this.high[index]!,
        low: this.low[index]!,
        close: this.close[index]!,
        volume: this.volume[index]!,
      });
      this.objects[index] = candle;
    }
    return candle;
  }

  /** Candles `[start, end)` as objects, oldest first. */
  slice(start: number, end: number): Candle[] {
    const out = new Array<Candle>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.candleAt(i);
    return out;
  }

  /** Candles `[start, end)` as zero-copy typed-array views. Valid until the store grows. */
  columns(start: number, end: number): CandleColumns {
    return {
      length: end - start,
      timestamp: this.timestamp.subarray(start, end),
      open: this.open.subarray(start, end),
      high: this.high.subarray(start, end),
      low: this.low.subarray(start, end),
      close: this.close.subarray(start, end),
      volume: this.volume.subarray(start, end),
    };
  }

  /**
   * Merges validated candles (sorted, unique, none already stored) into the store. They must all lie before
   * the first stored candle or after the last one: the feed only ever extends its range at the edges.
   */
  insert(candles: readonly Candle[]): void {
    const count = candles.length;
    if (count === 0) return;
    const prepend = this.length > 0 && candles[count - 1]!.timestamp < this.timestamp[0]!;
    this.reserve(this.length + count);
    let at = this.length;
    if (prepend) {
      for (const column of this.allColumns()) column.copyWithin(count, 0, this.length);
      const shifted = new Array<Candle | undefined>(this.objects.length);
      for (let i = 0; i < this.length; i++) shifted[i + count] = this.objects[i];
      this.objects = shifted;
      at = 0;
    }
    for (let i = 0; i < count; i++) {
      const candle = candles[i]!;
      this.timestamp[at + i] = candle.timestamp;
      this.open[at + i] = candle.open;
      this.high[at + i] = candle.high;
      this.low[at + i] = candle.low;
      this.close[at + i] = candle.close;
      this.volume[at + i] = candle.volume;
    }
    this.length += count;
  }

  private allColumns(): Float64Array[] {
    return [this.timestamp, this.open, this.high, this.low, this.close, this.volume];
  }

  private reserve(capacity: number): void {
    if (capacity <= this.timestamp.length) return;
    let next = this.timestamp.length;
    while (next < capacity) next *= 2;
    const grow = (column: Float64Array): Float64Array => {
      const bigger = new Float64Array(next);
      bigger.set(column.subarray(0, this.length));
      return bigger;
    };
    this.timestamp = grow(this.timestamp);
    this.open = grow(this.open);
    this.high = grow(this.high);
    this.low = grow(this.low);
    this.close = grow(this.close);
    this.volume = grow(this.volume);
    const objects = new Array<Candle | undefined>(next);
    for (let i = 0; i < this.length; i++) objects[i] = this.objects[i];
    this.objects = objects;
  }
}
