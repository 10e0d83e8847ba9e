import { describe, expect, it } from "vitest";
import { monteCarlo, simulatePaths } from "./monte-carlo.js";
import { histogram, monteCarloDistributions } from "./monte-carlo-distributions.js";

describe("monteCarloDistributions", () => {
  // Trades +10, -10, +10, -10 (see monte-carlo.test.ts for the 6 distinct orders).
  const trades = [10, -10, 10, -10];
  const options = { method: "shuffle" as const, simulations: 4000, seed: 3 };
  const result = monteCarloDistributions(trades, options);

  it("bands: every path starts at 0% and ends at -1.99% (1.1² · 0.9² − 1); after one trade it is ±10%", () => {
    const { bands } = result;
    expect(bands.trades).toEqual([0, 1, 2, 3, 4]);
    for (const q of ["p5", "p25", "p50", "p75", "p95"] as const) {
      expect(bands[q][0]).toBe(0);
      expect(bands[q][4]).toBeCloseTo(-1.99, 10);
    }
    expect(bands.p5[1]).toBeCloseTo(-10, 10);
    expect(bands.p95[1]).toBeCloseTo(10, 10);
    // the real order: 1.1, 0.99, 1.089, 0.9801
    expect(bands.actual.map((v) => +v.toFixed(6))).toEqual([0, 10, -1, 8.9, -1.99]);
    expect(bands.simulations).toBe(4000);
  });

  it("histograms count exactly the simulations monteCarlo summarises (same seed, same sequences)", () => {
    const paths = simulatePaths(trades, options);
    const streaks = paths.map((path) => path.longestLosingStreak);
    // streaks are 1 or 2: one bin per length
    expect(result.longestLosingStreak.edges).toEqual([1, 2, 3]);
    expect(result.longestLosingStreak.counts).toEqual([
      streaks.filter((s) => s === 1).length,
      streaks.filter((s) => s === 2).length,
    ]);
    expect(result.finalReturnPct.counts).toEqual([4000]);
    const drawdowns = paths.map((path) => path.maxDrawdownPct);
    const { edges, counts } = result.maxDrawdownPct;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(edges[0]).toBeCloseTo(Math.min(...drawdowns), 10);
    expect(edges.at(-1)).toBeCloseTo(Math.max(...drawdowns), 10);
    // the median of the bands' end point is monteCarlo's median final return
    expect(result.bands.p50[4]).toBeCloseTo(monteCarlo(trades, options).finalReturnPct.p50, 10);
  });

  it("thins long paths to maxPoints, ending at the last trade, and caps the band simulations", () => {
    const many = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? -1 : 0.8));
    const thin = monteCarloDistributions(
      many,
      { method: "bootstrap", simulations: 300, seed: 1 },
      { maxPoints: 11, maxBandSimulations: 50 },
    );
    expect(thin.bands.trades).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(thin.bands.simulations).toBe(50);
    expect(thin.simulations).toBe(300);
    expect(thin.finalReturnPct.counts.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it("refuses a bad limit, naming it", () => {
    expect(() => monteCarloDistributions(trades, options, { bins: 0 })).toThrow(/bins/);
  });
});

describe("histogram", () => {
  it("cuts the range into equal bins, the greatest value in the last", () => {
    expect(histogram([0, 1, 2, 3, 4, 10], 5)).toEqual({
      edges: [0, 2, 4, 6, 8, 10],
      counts: [2, 2, 1, 0, 1],
    });
  });

  it("makes one bin of values that differ by rounding only", () => {
    const product = (values: number[]) => values.reduce((p, v) => p * (1 + v / 100), 1);
    const a = product([3.1, -2.7, 1.3, -0.4]);
    const b = product([-0.4, 1.3, -2.7, 3.1]);
    expect(histogram([a, b, a], 30).counts).toEqual([3]);
  });
});
