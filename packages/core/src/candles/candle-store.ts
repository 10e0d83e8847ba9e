import { CandlewickError } from "../errors/candlewick-error.js";
import type { Candle, CandleColumns } from "../spec/candle.js";
import { CandleObjectWindow } from "./candle-object-window.js";

/** Columns of a store: timestamp, open, high, low, close, volume. */
const COLUMN_COUNT = 6;

/** The six column views of a shared buffer of `length` candles. */
function sharedColumns(buffer: SharedArrayBuffer, length: number): Float64Array[] {
  return Array.from(
    { length: COLUMN_COUNT },
    (_, index) => new Float64Array(buffer, index * length * 8, length),
  );
}

/** Appends smaller than this fraction of the store grow it geometrically (a live run's minute by minute). */
const SMALL_APPEND_FRACTION = 8;

/**
 * Columnar in-memory candles of one (exchange, symbol, interval), sorted by open time without duplicates.
 * The kernel reads the typed arrays directly: they are sized to the candles held (48 bytes a candle), since
 * a backtest loads its range in one insert. Strategies get frozen `Candle` objects from a `CandleObjectWindow`:
 * built on demand and reused while the window they belong to slides forward, not kept one per candle.
 */
export class CandleStore {
  timestamp: Float64Array = new Float64Array(0);
  open: Float64Array = new Float64Array(0);
  high: Float64Array = new Float64Array(0);
  low: Float64Array = new Float64Array(0);
  close: Float64Array = new Float64Array(0);
  volume: Float64Array = new Float64Array(0);
  length = 0;
  private readonly objects = new CandleObjectWindow();
  private lastBound = 0;

  /** Index of the first candle whose open time is `>= timestamp` (length when none). */
  lowerBound(timestamp: number): number {
    const ts = this.timestamp;
    const n = this.length;
    // A run asks about the next minute most of the time: try the last answer and the row after it first.
    const hint = this.lastBound;
    if (hint <= n && (hint === 0 || ts[hint - 1]! < timestamp)) {
      if (hint === n || ts[hint]! >= timestamp) return hint;
      if (hint + 1 === n || ts[hint + 1]! >= timestamp) {
        this.lastBound = hint + 1;
        return hint + 1;
      }
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! < timestamp) lo = mid + 1;
      else hi = mid;
    }
    this.lastBound = lo;
    return lo;
  }

  /** The candle at `index` as a frozen object (the one `slice` handed out, while it is in the recent window). */
  candleAt(index: number): Candle {
    return this.objects.at(this, index);
  }

  /** Candles `[start, end)` as frozen objects, oldest first; those of a recent window are the same objects. */
  slice(start: number, end: number): Candle[] {
    return this.objects.slice(this, start, end);
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
    // Columns exactly `count` long (a page's, nearly always) are copied as they are, without a view each.
    const rows = (column: Float64Array) => (column.length === count ? column : column.subarray(0, count));
    this.timestamp.set(rows(columns.timestamp), at);
    this.open.set(rows(columns.open), at);
    this.high.set(rows(columns.high), at);
    this.low.set(rows(columns.low), at);
    this.close.set(rows(columns.close), at);
    this.volume.set(rows(columns.volume), at);
    this.length += count;
  }

  /**
   * Moves the candles into one SharedArrayBuffer (six columns of `length` float64s, in the order timestamp, open,
   * high, low, close, volume) and keeps reading them from there; returns it. Copies once, the first time: a store
   * whose columns already live in a shared buffer of exactly its candles returns that buffer as it is. Another
   * thread can read the same memory with `adoptShared` (nothing is copied when the buffer is posted to it).
   */
  share(): SharedArrayBuffer {
    const current = this.timestamp.buffer;
    if (
      current instanceof SharedArrayBuffer &&
      this.capacity === this.length &&
      current.byteLength === this.length * COLUMN_COUNT * Float64Array.BYTES_PER_ELEMENT
    ) {
      return current;
    }
    const buffer = new SharedArrayBuffer(this.length * COLUMN_COUNT * Float64Array.BYTES_PER_ELEMENT);
    const columns = sharedColumns(buffer, this.length);
    const own = this.allColumns();
    for (let index = 0; index < COLUMN_COUNT; index++) {
      columns[index]!.set(own[index]!.subarray(0, this.length));
    }
    this.useColumns(columns, this.length);
    return buffer;
  }

  /**
   * Reads the candles of a buffer made by `share` (in this thread or another) without copying them. Only for an
   * empty store. A later insert grows the store into ordinary arrays of this thread, leaving the buffer as it was.
   */
  adoptShared(buffer: SharedArrayBuffer, length: number): void {
    if (this.length !== 0) {
      throw new CandlewickError(
        "CANDLE_STORE_NOT_EMPTY",
        "[core] CandleStore.adoptShared: the store already holds candles",
      );
    }
    this.useColumns(sharedColumns(buffer, length), length);
  }

  private useColumns(columns: readonly Float64Array[], length: number): void {
    [this.timestamp, this.open, this.high, this.low, this.close, this.volume] = columns as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    this.length = length;
  }

  /** Candles the columns have room for. */
  get capacity(): number {
    return this.timestamp.length;
  }

  /** Room for `count` more candles ending at `lastTimestamp`, at the front or the back; returns where they go. */
  private makeRoom(count: number, lastTimestamp: number): number {
    const prepend = this.length > 0 && lastTimestamp < this.timestamp[0]!;
    this.reserve(this.length + count, prepend);
    if (!prepend) return this.length;
    for (const column of this.allColumns()) column.copyWithin(count, 0, this.length);
    this.objects.shift(count);
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
}
