import { describe, expect, it } from "vitest";
import { createRandomSource } from "../random/random-source.js";
import { ParzenEstimator } from "./parzen-estimator.js";

/** Simpson's rule, so the reference normalisers do not use the erf the estimator uses. */
function simpson(f: (x: number) => number, from: number, to: number, intervals = 4000): number {
  const h = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let index = 1; index < intervals; index++) sum += (index % 2 === 1 ? 4 : 2) * f(from + index * h);
  return (sum * h) / 3;
}
const gaussian = (mean: number, sigma: number) => (x: number) =>
  Math.exp(-(((x - mean) / sigma) ** 2) / 2) / (sigma * Math.sqrt(2 * Math.PI));

describe("ParzenEstimator on a continuous range", () => {
  // Domain [0, 10], observations 1, 1.5, 6, 9 (weight 1 each) and the prior at 5 (weight 1).
  // Sorted with the prior: 1, 1.5, 5, 6, 9. Larger neighbour gap: 1 -> 0.5 (outermost: inner gap only),
  // 1.5 -> 3.5, 6 -> 3, 9 -> 3 (outermost). Clip to [10 / min(100, 1 + 5), 10] = [1.667, 10]: 1 -> 1.667.
  // The prior's sigma is the width, 10. Every kernel weighs 1/5.
  const estimator = new ParzenEstimator(
    [1, 1.5, 6, 9],
    [1, 1, 1, 1],
    { low: 0, high: 10, step: undefined },
    1,
  );
  const kernels = [
    [1, 10 / 6],
    [1.5, 3.5],
    [6, 3],
    [9, 3],
    [5, 10],
  ] as const;

  it("places kernels with the paper's bandwidth rule", () => {
    expect(estimator.means).toEqual([1, 1.5, 6, 9, 5]);
    expect(estimator.sigmas.map((sigma) => Number(sigma.toFixed(12)))).toEqual(
      kernels.map(([, sigma]) => Number(sigma.toFixed(12))),
    );
    expect(estimator.mixture).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it("has the density of the truncated mixture, computed directly", () => {
    const normalisers = kernels.map(([mean, sigma]) => simpson(gaussian(mean, sigma), 0, 10));
    for (const x of [0, 0.4, 1, 2.7, 5, 7.3, 9.9, 10]) {
      const direct = kernels.reduce(
        (sum, [mean, sigma], index) => sum + (0.2 * gaussian(mean, sigma)(x)) / normalisers[index]!,
        0,
      );
      expect(Math.exp(estimator.logDensity(x)) / direct).toBeCloseTo(1, 9);
    }
    expect(simpson((x) => Math.exp(estimator.logDensity(x)), 0, 10)).toBeCloseTo(1, 9);
  });

  it("samples from that density (a histogram of 20,000 draws)", () => {
    const random = createRandomSource(11);
    const draws = Array.from({ length: 20_000 }, () => estimator.sample(random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(10);
    for (let bin = 0; bin < 10; bin++) {
      const expected = simpson((x) => Math.exp(estimator.logDensity(x)), bin, bin + 1, 400);
      const observed = draws.filter((draw) => draw >= bin && draw < bin + 1).length / draws.length;
      // Binomial standard error of a share p over 20,000 draws, 5 of them.
      expect(Math.abs(observed - expected)).toBeLessThan(5 * Math.sqrt((expected * (1 - expected)) / 20_000));
    }
  });
});

describe("ParzenEstimator on an integer grid", () => {
  // Integers 0..4 (bins of ±0.5, truncation [-0.5, 4.5], width 5); observations 1, 1, 4 and the prior at 2.
  // Sorted: 1, 1, 2, 4. Gaps: first 1 -> 0 (inner only), second 1 -> max(0, 1) = 1, 4 -> 2 (inner only).
  // Clip to [5 / min(100, 1 + 4), 5] = [1, 5]: 1, 1, 2; the prior's sigma is 5.
  const estimator = new ParzenEstimator([1, 1, 4], [1, 1, 1], { low: 0, high: 4, step: 1 }, 1);
  const kernels = [
    [1, 1],
    [1, 1],
    [4, 2],
    [2, 5],
  ] as const;
  const masses = [0, 1, 2, 3, 4].map((k) =>
    kernels.reduce((sum, [mean, sigma]) => {
      const f = gaussian(mean, sigma);
      return sum + (0.25 * simpson(f, k - 0.5, k + 0.5)) / simpson(f, -0.5, 4.5);
    }, 0),
  );

  it("gives each integer the truncated mixture's mass of its bin", () => {
    expect(estimator.sigmas).toEqual([1, 1, 2, 5]);
    for (const k of [0, 1, 2, 3, 4]) expect(Math.exp(estimator.logDensity(k)) / masses[k]!).toBeCloseTo(1, 9);
    expect(masses.reduce((sum, mass) => sum + mass, 0)).toBeCloseTo(1, 10);
  });

  it("samples integers with those masses", () => {
    const random = createRandomSource(5);
    const counts = [0, 0, 0, 0, 0];
    for (let index = 0; index < 20_000; index++) counts[estimator.sample(random)]!++;
    for (const k of [0, 1, 2, 3, 4]) {
      const expected = masses[k]!;
      expect(Math.abs(counts[k]! / 20_000 - expected)).toBeLessThan(
        5 * Math.sqrt((expected * (1 - expected)) / 20_000),
      );
    }
  });
});
