import { describe, expect, it } from "vitest";
import { pathStatistics } from "./path-statistics.js";
import { percentile, percentilesOf } from "./percentiles.js";

describe("pathStatistics", () => {
  it("compounds returns and measures drawdown from the running peak and the longest losing run", () => {
    // Equity 1.1, 0.88, 0.924, 0.8316, 0.74844, 0.972972; peak 1.1; deepest 1 - 0.74844 / 1.1 = 31.96%.
    const path = pathStatistics([10, -20, 5, -10, -10, 30]);
    expect(path.finalReturnPct).toBeCloseTo(-2.7028, 10);
    expect(path.maxDrawdownPct).toBeCloseTo(31.96, 10);
    expect(path.longestLosingStreak).toBe(2);
  });

  it("counts a fall from the starting equity as drawdown", () => {
    expect(pathStatistics([-5, -5]).maxDrawdownPct).toBeCloseTo(9.75, 10);
    expect(pathStatistics([3, 4]).maxDrawdownPct).toBe(0);
  });
});

describe("percentiles", () => {
  it("interpolates linearly between order statistics", () => {
    // Sorted 1, 2, 3, 4, 10: position (n - 1) q / 100 = 4q / 100.
    expect(percentile([1, 2, 3, 4, 10], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 10], 25)).toBe(2);
    expect(percentile([1, 2, 3, 4, 10], 95)).toBeCloseTo(4 + 0.8 * 6, 12);
    const all = percentilesOf([10, 1, 4, 3, 2]);
    expect([all.p25, all.p50, all.p75]).toEqual([2, 3, 4]);
    expect(all.p5).toBeCloseTo(1.2, 12);
    expect(all.p95).toBeCloseTo(8.8, 12);
  });
});
