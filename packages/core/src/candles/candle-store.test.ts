import { describe, expect, it } from "vitest";
import { at, flat } from "../testing/memory-exchange.js";
import { CandleStore } from "./candle-store.js";

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

  it("grows past its initial capacity and keeps every candle", () => {
    const store = new CandleStore();
    store.insert(flat(at(0), 3000, 100));
    store.insert(flat(at(-2000), 2000, 90));
    expect(store.length).toBe(5000);
    expect(store.timestamp[0]).toBe(at(-2000));
    expect(store.timestamp[4999]).toBe(at(2999));
    expect(store.close[1999]).toBe(90);
    expect(store.close[2000]).toBe(100);
  });

  it("slice gives frozen candle objects, shared between calls; columns are views", () => {
    const store = new CandleStore();
    store.insert(flat(at(0), 5, 100, 2));
    const first = store.slice(1, 3);
    expect(first).toEqual([
      { timestamp: at(1), open: 100, high: 100, low: 100, close: 100, volume: 2 },
      { timestamp: at(2), open: 100, high: 100, low: 100, close: 100, volume: 2 },
    ]);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(store.slice(1, 2)[0]).toBe(first[0]);
    const columns = store.columns(2, 5);
    expect(columns.length).toBe(3);
    expect(Array.from(columns.timestamp)).toEqual([at(2), at(3), at(4)]);
    expect(columns.close.buffer).toBe(store.close.buffer);
  });

  it("a prepend shifts the cached candle objects with the data", () => {
    const store = new CandleStore();
    store.insert(flat(at(5), 2, 105));
    const cached = store.candleAt(0);
    store.insert(flat(at(0), 5, 100));
    expect(store.candleAt(5)).toBe(cached);
    expect(store.candleAt(0).timestamp).toBe(at(0));
  });
});
