import { describe, expect, it } from "vitest";
import { percentile } from "./percentile.js";

describe("percentile (linear interpolation between closest ranks)", () => {
  const sorted = [1, 2, 3, 4, 10];

  it("matches values computed by hand: rank = p/100 × (n − 1)", () => {
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 50)).toBe(3); // rank 2
    expect(percentile(sorted, 95)).toBeCloseTo(8.8, 12); // rank 3.8: 4 + 0.8 × (10 − 4)
    expect(percentile(sorted, 99)).toBeCloseTo(9.76, 12); // rank 3.96: 4 + 0.96 × 6
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5); // rank 1.5: the mean of the middle two
  });

  it("agrees with numpy's default on a second sample", () => {
    // numpy.percentile([2, 3, 5, 7, 11, 13], [25, 90]) → [3.5, 12.0]
    expect(percentile([2, 3, 5, 7, 11, 13], 25)).toBeCloseTo(3.5, 12);
    expect(percentile([2, 3, 5, 7, 11, 13], 90)).toBeCloseTo(12, 12);
  });

  it("handles one value and none", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
