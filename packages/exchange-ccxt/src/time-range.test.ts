import { describe, expect, it } from "vitest";
import { intersectRanges, mergeRanges, subtractRanges } from "./time-range.js";

const r = (from: number, to: number) => ({ from, to });

describe("time ranges", () => {
  it("merges overlapping and touching ranges, drops empty ones", () => {
    expect(mergeRanges([r(5, 7), r(0, 2), r(2, 3), r(6, 9), r(4, 4)])).toEqual([r(0, 3), r(5, 9)]);
  });

  it("subtracts covered parts", () => {
    expect(subtractRanges(r(0, 10), [])).toEqual([r(0, 10)]);
    expect(subtractRanges(r(0, 10), [r(2, 4), r(6, 8)])).toEqual([r(0, 2), r(4, 6), r(8, 10)]);
    expect(subtractRanges(r(3, 7), [r(0, 5), r(6, 20)])).toEqual([r(5, 6)]);
    expect(subtractRanges(r(3, 7), [r(0, 20)])).toEqual([]);
  });

  it("intersects", () => {
    expect(intersectRanges(r(3, 7), [r(0, 4), r(5, 6), r(6, 20)])).toEqual([r(3, 4), r(5, 6), r(6, 7)]);
  });
});
