import { describe, expect, it } from "vitest";
import { createRandomSource, mixSeed } from "./random-source.js";

describe("createRandomSource", () => {
  it("repeats its stream for a seed and differs between seeds and streams", () => {
    const draw = (seed: number, stream: number) => {
      const random = createRandomSource(seed, stream);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(7, 0)).toEqual(draw(7, 0));
    expect(draw(7, 0)).not.toEqual(draw(8, 0));
    expect(draw(7, 0)).not.toEqual(draw(7, 1));
    expect(new Set(Array.from({ length: 1000 }, (_, stream) => mixSeed(1, stream))).size).toBe(1000);
  });

  it("draws integers uniformly (chi-square over 10 bins, 100,000 draws)", () => {
    const random = createRandomSource(42);
    const counts = new Array<number>(10).fill(0);
    for (let index = 0; index < 100_000; index++) counts[random.integer(0, 9)]!++;
    const chiSquare = counts.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    // 9 degrees of freedom: P(chi-square > 27.9) = 0.001.
    expect(chiSquare).toBeLessThan(27.9);
  });

  it("draws standard normals (mean 0, variance 1, 3.4% beyond ±2.12)", () => {
    const random = createRandomSource(3);
    const count = 100_000;
    const values = Array.from({ length: count }, () => random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / count;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / count;
    // Standard errors: 0.0032 for the mean, 0.0045 for the variance; bounds at about 5 of them.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.022);
    // P(|Z| > 2.12) = 0.0340 (tables); its standard error over 100,000 draws is 0.00057.
    const tail = values.filter((value) => Math.abs(value) > 2.12).length / count;
    expect(Math.abs(tail - 0.034)).toBeLessThan(0.003);
  });

  it("rejects a seed that is not a safe integer", () => {
    expect(() => createRandomSource(1.5)).toThrow(/"seed" is 1.5; expected a safe integer/);
  });
});
