import { describe, expect, it } from "vitest";
import { at } from "../testing/memory-exchange.js";
import { CandleObjectWindow } from "./candle-object-window.js";

const N = 10_000;
const rows = {
  length: N,
  timestamp: Float64Array.from({ length: N }, (_, i) => at(i)),
  open: Float64Array.from({ length: N }, (_, i) => 100 + i),
  high: Float64Array.from({ length: N }, (_, i) => 200 + i),
  low: Float64Array.from({ length: N }, (_, i) => 50 + i),
  close: Float64Array.from({ length: N }, (_, i) => 150 + i),
  volume: Float64Array.from({ length: N }, (_, i) => i),
};

describe("CandleObjectWindow", () => {
  it("holds as many objects as the largest window read, not one per row", () => {
    const window = new CandleObjectWindow();
    let built = 0;
    const seen = new Set<object>();
    for (let end = 51; end <= N; end++) {
      for (const candle of window.slice(rows, end - 51, end)) {
        if (!seen.has(candle)) built++;
        seen.add(candle);
      }
    }
    // Sliding one row a tick: each row's object is built once, then reused for the 50 ticks it stays in view.
    expect(built).toBe(N);
    expect(window.size).toBe(64);
    window.slice(rows, 0, 1000);
    expect(window.size).toBe(1024);
  });

  it("a window jumping forward by less than its length builds only the new rows", () => {
    const window = new CandleObjectWindow();
    const a = window.slice(rows, 0, 40);
    const b = window.slice(rows, 30, 70);
    expect(b.slice(0, 10)).toEqual(a.slice(30));
    for (let k = 0; k < 10; k++) expect(b[k]).toBe(a[30 + k]);
    expect(b[39]).toEqual({ timestamp: at(69), open: 169, high: 269, low: 119, close: 219, volume: 69 });
  });
});
