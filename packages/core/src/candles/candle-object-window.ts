import type { Candle, CandleColumns } from "../spec/candle.js";

/** Smallest ring: the usual `getCandles` windows fit without a resize. */
const MIN_SIZE = 64;

/**
 * Frozen `Candle` objects for one contiguous run `[from, to)` of a store's rows, in a ring of a power-of-two
 * size. A strategy reading the last N candles each tick moves the run forward by one: one object is built
 * and N - 1 are reused, and memory stays at the largest window read, not one object per candle held.
 */
export class CandleObjectWindow {
  private ring: (Candle | undefined)[] = new Array<Candle | undefined>(MIN_SIZE).fill(undefined);
  private mask = MIN_SIZE - 1;
  private from = 0;
  private to = 0;

  /** Objects the ring holds at most. */
  get size(): number {
    return this.mask + 1;
  }

  /** Rows `[start, end)` of `rows` as objects, oldest first: from the ring, built for the rows not in it. */
  slice(rows: CandleColumns, start: number, end: number): Candle[] {
    const count = end - start;
    if (count > this.mask + 1) this.resize(count);
    const ring = this.ring;
    const mask = this.mask;
    // A window that does not touch the run starts a new one (rare: a jump back, or far ahead).
    if (start < this.from || start > this.to) {
      this.from = start;
      this.to = start;
    }
    if (end > this.to) {
      for (let i = this.to; i < end; i++) ring[i & mask] = candleOf(rows, i);
      this.to = end;
      if (this.to - this.from > mask + 1) this.from = this.to - (mask + 1);
    }
    const out = new Array<Candle>(count);
    for (let i = start; i < end; i++) out[i - start] = ring[i & mask]!;
    return out;
  }

  /** Row `index` as an object: the ring's when it holds it, else a new one (the ring is left as it is). */
  at(rows: CandleColumns, index: number): Candle {
    return index >= this.from && index < this.to ? this.ring[index & this.mask]! : candleOf(rows, index);
  }

  /** `count` rows were inserted before the first one: the objects follow their rows. */
  shift(count: number): void {
    this.move(this.mask + 1, count);
  }

  private resize(count: number): void {
    let size = this.mask + 1;
    while (size < count) size *= 2;
    this.move(size, 0);
  }

  /** Puts the run into a ring of `size` slots, each row index moved by `offset`. */
  private move(size: number, offset: number): void {
    const old = this.ring;
    const oldMask = this.mask;
    this.ring = new Array<Candle | undefined>(size).fill(undefined);
    this.mask = size - 1;
    const from = Math.max(this.from, this.to - size);
    for (let i = from; i < this.to; i++) this.ring[(i + offset) & this.mask] = old[i & oldMask];
    this.from = from + offset;
    this.to += offset;
  }
}

function candleOf(rows: CandleColumns, index: number): Candle {
  return Object.freeze({
    timestamp: rows.timestamp[index]!,
    open: rows.open[index]!,
    high: rows.high[index]!,
    low: rows.low[index]!,
    close: rows.close[index]!,
    volume: rows.volume[index]!,
  });
}
