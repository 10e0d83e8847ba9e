import type { Candle, CandleColumns } from "../spec/candle.js";

/** Smallest object cache: a few `getCandles` windows of the usual sizes without evicting each other. */
const MIN_CACHE_SIZE = 64;
/** Appends smaller than this fraction of the store grow it geometrically (a live run's minute by minute). */
const SMALL_APPEND_FRACTION = 8;

/**
 * Columnar in-memory candles of one (exchange, symbol, interval), sorted by open time without duplicates.
 * The kernel reads the typed arrays directly: they are sized to the candles held (48 bytes a candle), since
 * a backtest loads its range in one insert. Strategies get frozen `Candle` objects built on demand and kept in
 * a small cache indexed by position, sized to the largest `slice` asked for: a strategy reading the last N
 * candles each tick reuses N - 1 objects and builds one, and the store does not keep an object per candle.
 */
export class CandleStore {
  timestamp: Float64Array = new Float64Array(0);
  open: Float64Array = new Float64Array(0);
  high: Float64Array = new Float64Array(0);
  low: Float64Array = new Float64Array(0);
  close: Float64Array = new Float64Array(0);
  volume: Float64Array = new Float64Array(0);
  length = 0;
  // Direct-mapped: the object of candle `i` sits at slot `i & cacheMask`, with `i` in `cacheIndex` (-1: empty).
  private cacheIndex: Int32Array = new Int32Array(MIN_CACHE_SIZE).fill(-1);
  private cacheObjects: (Candle | undefined)[] = new Array<Candle | undefined>(MIN_CACHE_SIZE).fill(
    undefined,
  );
  private cacheMask = MIN_CACHE_SIZE - 1;

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

  /**
   * The candle at `index` as a frozen object: the same object while it stays in the cache (a recent window
   * of `slice`), an equal new one after.
   */
  candleAt(index: number): Candle {
    const slot = index & this.cacheMask;
    if (this.cacheIndex[slot] === index) return this.cacheObjects[slot]!;
    const candle = Object.freeze({
      timestamp: this.timestamp[index]!,
      open: this.open[index]!,
      high: this.high[index]!,
      low: this.low[index]!,
      close: this.close[index]!,
      volume: this.volume[index]!,
    });
    this.cacheIndex[slot] = index;
    this.cacheObjects[slot] = candle;
    return candle;
  }

  /** Candles `[start, end)` as objects, oldest first. */
  slice(start: number, end: number): Candle[] {
    const count = end - start;
    // More than half the cache would let consecutive windows evict each other's objects.
    if (count * 2 > this.cacheMask + 1) this.resizeCache(nextPowerOfTwo(count * 2));
    const out = new Array<Candle>(count);
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
    const at = this.makeRoom(count, candles[count - 1]!.timestamp);
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

  /** `insert` for candles given as columns (copied, so they may be views of someone else's arrays). */
  insertColumns(columns: CandleColumns): void {
    const count = columns.length;
    if (count === 0) return;
    const at = this.makeRoom(count, columns.timestamp[count - 1]!);
    this.timestamp.set(columns.timestamp.subarray(0, count), at);
    this.open.set(columns.open.subarray(0, count), at);
    this.high.set(columns.high.subarray(0, count), at);
    this.low.set(columns.low.subarray(0, count), at);
    this.close.set(columns.close.subarray(0, count), at);
    this.volume.set(columns.volume.subarray(0, count), at);
    this.length += count;
  }

  /** Candles the columns have room for. */
  get capacity(): number {
    return this.timestamp.length;
  }

  /** Objects the cache can hold: at least twice the largest `slice` asked for. */
  get cacheSize(): number {
    return this.cacheMask + 1;
  }

  /** Room for `count` more candles ending at `lastTimestamp`, at the front or the back; returns where they go. */
  private makeRoom(count: number, lastTimestamp: number): number {
    const prepend = this.length > 0 && lastTimestamp < this.timestamp[0]!;
    this.reserve(this.length + count, prepend);
    if (!prepend) return this.length;
    for (const column of this.allColumns()) column.copyWithin(count, 0, this.length);
    this.shiftCache(count);
    return 0;
  }

  private allColumns(): Float64Array[] {
    return [this.timestamp, this.open, this.high, this.low, this.close, this.volume];
  }

  /**
   * Makes room for `needed` candles. A bulk insert (a backtest's range, a page of older history) gets exactly
   * that; only a small append grows by half, so a live run's minute-by-minute appends copy in linear time.
   */
  private reserve(needed: number, prepend: boolean): void {
    const capacity = this.timestamp.length;
    if (needed <= capacity) return;
    const small = !prepend && (needed - this.length) * SMALL_APPEND_FRACTION < this.length;
    const next = small ? Math.max(needed, capacity + (capacity >> 1)) : needed;
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
  }

  /** A cache of `size` (a power of two) slots, keeping the objects it already holds. */
  private resizeCache(size: number): void {
    const index = this.cacheIndex;
    const objects = this.cacheObjects;
    this.cacheIndex = new Int32Array(size).fill(-1);
    this.cacheObjects = new Array<Candle | undefined>(size).fill(undefined);
    this.cacheMask = size - 1;
    this.refill(index, objects, 0);
  }

  /** After a prepend of `count` candles, each cached object moves to its candle's new index. */
  private shiftCache(count: number): void {
    const index = this.cacheIndex;
    const objects = this.cacheObjects;
    this.cacheIndex = new Int32Array(index.length).fill(-1);
    this.cacheObjects = new Array<Candle | undefined>(index.length).fill(undefined);
    this.refill(index, objects, count);
  }

  /** Puts the entries of an old cache into the current one, each candle's index moved by `offset`. */
  private refill(index: Int32Array, objects: readonly (Candle | undefined)[], offset: number): void {
    for (let slot = 0; slot < index.length; slot++) {
      const at = index[slot]!;
      if (at < 0) continue;
      const moved = (at + offset) & this.cacheMask;
      this.cacheIndex[moved] = at + offset;
      this.cacheObjects[moved] = objects[slot];
    }
  }
}

function nextPowerOfTwo(value: number): number {
  let size = 1;
  while (size < value) size *= 2;
  return size;
}
