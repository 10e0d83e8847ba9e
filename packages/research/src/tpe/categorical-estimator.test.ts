import { describe, expect, it } from "vitest";
import { createRandomSource } from "../random/random-source.js";
import { CategoricalEstimator } from "./categorical-estimator.js";

describe("CategoricalEstimator", () => {
  it("weighs observed choices and spreads the prior evenly", () => {
    // 3 choices, observations 0, 0, 2 with weights 1, 0.5, 1 and prior 1: masses 1/3 + 1.5, 1/3, 1/3 + 1 over 3.5.
    const estimator = new CategoricalEstimator(3, [0, 0, 2], [1, 0.5, 1], 1);
    const expected = [(1 / 3 + 1.5) / 3.5, 1 / 3 / 3.5, (1 / 3 + 1) / 3.5];
    estimator.probabilities.forEach((probability, index) => {
      expect(probability).toBeCloseTo(expected[index]!, 14);
      expect(estimator.logDensity(index)).toBeCloseTo(Math.log(expected[index]!), 14);
    });
    const random = createRandomSource(9);
    const counts = [0, 0, 0];
    for (let index = 0; index < 30_000; index++) counts[estimator.sample(random)]!++;
    counts.forEach((count, index) => {
      const p = expected[index]!;
      expect(Math.abs(count / 30_000 - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / 30_000));
    });
  });
});
