import { describe, expect, it } from "vitest";
import { tableToCandles } from "../exchanges/candle-table.js";
import type { Candle } from "../spec/candle.js";
import { at, flat } from "../testing/memory-exchange.js";
import { CandleStore } from "./candle-store.js";

/** Candles of minutes `[from, to)` whose fields all differ, so a row read from the wrong index shows. */
function distinct(from: number, to: number): Candle[] {
  return Array.from({ length: to - from }, (_, k) => {
    const m = from + k;
    return {
      timestamp: at(m),
      open: 1000 + m,
      high: 2000 + m,
      low: 500 + m,
      close: 1500 + m,
      volume: m + 0.5,
    };
  });
}

/** The rows as plain objects, read column by column (not through `slice`). */
const rowsOf = (store: CandleStore): Candle[] => tableToCandles(store, 0, store.length);

/** lowerBound by a linear scan: the first index whose open time is >= t. */
function linearLowerBound(times: readonly number[], t: number): number {
  const index = times.findIndex((time) => time >= t);
  return index === -1 ? times.length : index;
}

describe("CandleStore", () => {
  it("appends, prepends, and finds open times with lowerBound", () => {
    const store = new CandleStore();
    store.insert(flat(at(10), 5, 110));
    store.insert(flat(at(15), 5, 115)); // after
    store.insert(flat(at(0), 10, 100)); // before
    expect(store.length).toBe(20);
    expect(Array.from(store.timestamp.subarray(0, 20))).toEqual(Array.from({ length: 20 }, (_, i) => at(i)));
    expect(store.close[0]).toBe(100);
    expect(store.close[10]).toBe(110);
    expect(store.close[19]).toBe(115);
    expect(store.lowerBound(at(0))).toBe(0);
    expect(store.lowerBound(at(7))).toBe(7);
    expect(store.lowerBound(at(7) + 1)).toBe(8);
    expect(store.lowerBound(at(-1))).toBe(0);
    expect(store.lowerBound(at(99))).toBe(20);
  });

  it("lowerBound agrees with a linear scan for queries in order, out of order, and after inserts", () => {
    const store = new CandleStore();
    // Minutes 0..299 with holes, loaded in three inserts (middle, after, before), as a feed extends its range.
    const minutes = Array.from({ length: 300 }, (_, m) => m).filter((m) => m % 7 !== 3);
    const candlesAt = (list: number[]) =>
      list.map((m) => ({ timestamp: at(m), open: 1, high: 1, low: 1, close: 1, volume: 1 }));
    const queries: number[] = [];
    for (let m = -3; m < 305; m++) queries.push(at(m), at(m) + 1, at(m) - 1);
    // A fixed pseudo-random order too: the last answer must not mislead a query far from it.
    const shuffled = queries.map((_, k) => queries[(k * 7919) % queries.length]!);
    const check = () => {
      const times = Array.from(store.timestamp.subarray(0, store.length));
      for (const t of [...queries, ...shuffled, ...[...queries].reverse()]) {
        expect(store.lowerBound(t), `t = minute ${(t - at(0)) / 60_000}`).toBe(linearLowerBound(times, t));
      }
    };
    check(); // empty
    store.insert(candlesAt(minutes.filter((m) => m >= 100 && m < 200)));
    check();
    store.insert(candlesAt(minutes.filter((m) => m >= 200)));
    check();
    store.insert(candlesAt(minutes.filter((m) => m < 100)));
    check();
  });

  it("a bulk insert, appended or prepended, sizes the columns exactly; the data is exact", () => {
    const store = new CandleStore();
    expect(store.capacity).toBe(0);
    store.insert(distinct(1000, 4000));
    expect(store.capacity).toBe(3000);
    store.insert(distinct(0, 1000)); // older history, as a getCandles look-back extension loads it
    expect(store.capacity).toBe(4000);
    store.insert(distinct(4000, 5000)); // a quarter of what is held: still a bulk load
    expect(store.capacity).toBe(5000);
    expect(store.length).toBe(5000);
    expect(rowsOf(store)).toEqual(distinct(0, 5000));
  });

  it("small appends grow the columns geometrically and keep every candle", () => {
    const store = new CandleStore();
    store.insert(distinct(0, 1440)); // a live run's warm-up
    const capacities = new Set<number>();
    for (let m = 1440; m < 20_000; m++) {
      store.insert(distinct(m, m + 1)); // then one candle a minute
      capacities.add(store.capacity);
      expect(store.capacity).toBeGreaterThanOrEqual(store.length);
    }
    // Growing by half from 1,440 to hold 20,000 takes 7 steps (1440 · 1.5^7 ≈ 24,600); one per append would be 18,560.
    expect(capacities.size).toBe(7);
    expect(store.capacity).toBeLessThan(1.5 * 20_000);
    expect(rowsOf(store)).toEqual(distinct(0, 20_000));
  });

  it("insertColumns stores the same rows as insert, copying from views of larger arrays", () => {
    const fromObjects = new CandleStore();
    fromObjects.insert(distinct(100, 200));
    fromObjects.insert(distinct(0, 100));
    fromObjects.insert(distinct(200, 250));

    // Columns of minutes 0..299 in one set of arrays; the store gets views of parts of them.
    const all = distinct(0, 300);
    const column = (field: keyof Candle) => Float64Array.from(all.map((candle) => candle[field]));
    const source = {
      timestamp: column("timestamp"),
      open: column("open"),
      high: column("high"),
      low: column("low"),
      close: column("close"),
      volume: column("volume"),
    };
    const view = (from: number, to: number, length = to - from) => ({
      length,
      timestamp: source.timestamp.subarray(from, to),
      open: source.open.subarray(from, to),
      high: source.high.subarray(from, to),
      low: source.low.subarray(from, to),
      close: source.close.subarray(from, to),
      volume: source.volume.subarray(from, to),
    });
    const fromColumns = new CandleStore();
    fromColumns.insertColumns(view(100, 200));
    fromColumns.insertColumns(view(0, 100));
    fromColumns.insertColumns(view(200, 280, 50)); // only the first `length` rows count
    fromColumns.insertColumns(view(250, 250));
    expect(rowsOf(fromColumns)).toEqual(rowsOf(fromObjects));
    expect(fromColumns.capacity).toBe(250);
    source.close.fill(-1); // copied, not shared
    expect(rowsOf(fromColumns)).toEqual(distinct(0, 250));
  });

  it("slice gives frozen candles equal to the rows, for every window; columns are views", () => {
    const store = new CandleStore();
    store.insert(distinct(0, 3000));
    const expected = distinct(0, 3000);
    for (const [start, end] of [
      [0, 0],
      [0, 1],
      [10, 61],
      [11, 62],
      [5, 56], // back
      [2000, 2051], // far ahead
      [0, 3000], // larger than any ring so far
      [2999, 3000],
    ] as const) {
      const window = store.slice(start, end);
      expect(window).toEqual(expected.slice(start, end));
      for (const candle of window) expect(Object.isFrozen(candle)).toBe(true);
    }
    expect(store.candleAt(1234)).toEqual(expected[1234]);
    const columns = store.columns(2, 5);
    expect(columns.length).toBe(3);
    expect(Array.from(columns.timestamp)).toEqual([at(2), at(3), at(4)]);
    expect(columns.close.buffer).toBe(store.close.buffer);
  });

  it("a window sliding forward reuses the objects it already handed out", () => {
    const store = new CandleStore();
    store.insert(distinct(0, 500));
    const first = store.slice(100, 151);
    const next = store.slice(101, 152);
    for (let k = 0; k < 50; k++) expect(next[k]).toBe(first[k + 1]);
    expect(store.candleAt(151)).toBe(next[50]);
    // A window far away builds new objects, equal to the old ones.
    store.slice(300, 351);
    const again = store.slice(100, 151);
    expect(again).toEqual(first);
    expect(again[0]).not.toBe(first[0]);
  });

  it("a prepend moves the window's objects with their rows", () => {
    const store = new CandleStore();
    store.insert(distinct(5, 100));
    const window = store.slice(0, 51); // minutes 5..55
    store.insert(distinct(0, 5));
    const shifted = store.slice(5, 56); // the same minutes, 5 rows on
    for (let k = 0; k < 51; k++) expect(shifted[k]).toBe(window[k]);
    expect(store.slice(0, 5)).toEqual(distinct(0, 5));
  });
});
