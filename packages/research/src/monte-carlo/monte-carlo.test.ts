import { describe, expect, it } from "vitest";
import { monteCarlo, simulatePaths } from "./monte-carlo.js";

/** Share of `values` equal to `target` (to 1e-9). */
const share = (values: readonly number[], target: number) =>
  values.filter((value) => Math.abs(value - target) < 1e-9).length / values.length;
/** Five binomial standard errors of a share `p` over `n` draws. */
const margin = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n);

describe("monteCarlo shuffles", () => {
  // Trades +10, -10, +10, -10. Of the 24 orders, each of the 6 distinct sequences comes 4 times:
  //   ++--  equity 1.1, 1.21, 1.089, 0.9801   drawdown 1 - 0.9801/1.21 = 19%    streak 2
  //   +-+-  1.1, 0.99, 1.089, 0.9801          1 - 0.9801/1.1 = 10.9%            1
  //   +--+  1.1, 0.99, 0.891, 0.9801          1 - 0.891/1.1 = 19%               2
  //   -++-  0.9, 0.99, 1.089, 0.9801          10% (from 1, and from 1.089)      1
  //   -+-+  0.9, 0.99, 0.891, 0.9801          1 - 0.891 = 10.9%                 1
  //   --++  0.9, 0.81, 0.891, 0.9801          19%                               2
  // So drawdown is 19% with P = 12/24, 10.9% with 8/24, 10% with 4/24; the final return is always -1.99%.
  const trades = [10, -10, 10, -10];
  const simulations = 12_000;
  const paths = simulatePaths(trades, { method: "shuffle", simulations, seed: 21 });

  it("draws every order equally often", () => {
    const drawdowns = paths.map((path) => path.maxDrawdownPct);
    for (const [value, p] of [
      [19, 12 / 24],
      [10.9, 8 / 24],
      [10, 4 / 24],
    ] as const) {
      expect(Math.abs(share(drawdowns, value) - p)).toBeLessThan(margin(p, simulations));
    }
    expect(
      share(
        paths.map((path) => path.longestLosingStreak),
        2,
      ),
    ).toBeCloseTo(0.5, 1);
    for (const path of paths) expect(path.finalReturnPct).toBeCloseTo(-1.99, 10);
  });

  it("reports the distribution's percentiles", () => {
    const result = monteCarlo(trades, { method: "shuffle", simulations, seed: 21 });
    // P(drawdown <= 10) = 1/6 > 5%, P(<= 10.9) = 1/2 > 25%, P(< 19) = 1/2 < 75%: far from any jump but p50's.
    expect(result.maxDrawdownPct.p5).toBeCloseTo(10, 10);
    expect(result.maxDrawdownPct.p25).toBeCloseTo(10.9, 10);
    expect(result.maxDrawdownPct.p50).toBeGreaterThanOrEqual(10.9 - 1e-9);
    expect(result.maxDrawdownPct.p50).toBeLessThanOrEqual(19 + 1e-9);
    expect(result.maxDrawdownPct.p75).toBeCloseTo(19, 10);
    expect(result.maxDrawdownPct.p95).toBeCloseTo(19, 10);
    expect(result.finalReturnPct.p5).toBeCloseTo(-1.99, 10);
    expect(result.actual).toEqual({
      finalReturnPct: expect.closeTo(-1.99, 10),
      maxDrawdownPct: expect.closeTo(10.9, 10),
      longestLosingStreak: 1,
    });
    expect(result.longestLosingStreak.p95).toBe(2);
  });

  it("is reproducible for a seed", () => {
    expect(monteCarlo(trades, { method: "shuffle", simulations: 200, seed: 5 })).toEqual(
      monteCarlo(trades, { method: "shuffle", simulations: 200, seed: 5 }),
    );
    const first = simulatePaths([1, -2, 3, -4, 5, -6], { method: "shuffle", simulations: 50, seed: 5 });
    const other = simulatePaths([1, -2, 3, -4, 5, -6], { method: "shuffle", simulations: 50, seed: 6 });
    expect(first).not.toEqual(other);
  });
});

describe("monteCarlo bootstrap", () => {
  it("resamples with replacement: +10, -10 gives 21%, -1%, -19% with P = 1/4, 1/2, 1/4", () => {
    const simulations = 12_000;
    const finals = simulatePaths([10, -10], { method: "bootstrap", simulations, seed: 8 }).map(
      (path) => path.finalReturnPct,
    );
    for (const [value, p] of [
      [21, 0.25],
      [-1, 0.5],
      [-19, 0.25],
    ] as const) {
      expect(Math.abs(share(finals, value) - p)).toBeLessThan(margin(p, simulations));
    }
    const result = monteCarlo([10, -10], { method: "bootstrap", simulations, seed: 8 });
    expect(result.finalReturnPct.p5).toBeCloseTo(-19, 10);
    expect(result.finalReturnPct.p50).toBeCloseTo(-1, 10);
    expect(result.finalReturnPct.p95).toBeCloseTo(21, 10);
  });

  it("rejects a return below -100% and an empty list, naming them", () => {
    expect(() => monteCarlo([5, -120], { method: "bootstrap", seed: 1 })).toThrow('"returnsPct.1" is -120');
    expect(() => monteCarlo([], { method: "shuffle", seed: 1 })).toThrow("at least one trade return");
  });
});
