import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/index.js";
import { HOUR, T0 } from "../statistics.test-helpers.js";
import { computeCapitalStatistics } from "./compute-capital-statistics.js";
import { drawdownSeries } from "./drawdown-series.js";
import { sample, simulatePortfolio } from "./equity-samples.test-helpers.js";

describe("drawdownSeries", () => {
  it("hand-computed: the initial capital is the first peak", () => {
    const equities = [950, 1100, 990, 1045, 1200, 1080];
    const series = drawdownSeries(
      equities.map((equity, i) => sample(T0 + i * HOUR, equity)),
      1000,
    );
    // peaks: 1000, 1100, 1100, 1100, 1200, 1200
    expect(Array.from(series.timestamps)).toEqual(equities.map((_, i) => T0 + i * HOUR));
    expect(Array.from(series.drawdown)).toEqual([50, 0, 110, 55, 0, 120]);
    const expectedPercent = [5, 0, 10, 5, 0, 10]; // 50/1000, 0, 110/1100, 55/1100, 0, 120/1200
    series.drawdownPercent.forEach((value, i) => {
      expect(value).toBeCloseTo(expectedPercent[i]!, 12);
    });
  });

  it("is empty without samples", () => {
    const series = drawdownSeries([], 1000);
    expect(series.timestamps.length).toBe(0);
    expect(series.drawdownPercent.length).toBe(0);
  });

  it("its largest value is computeCapitalStatistics' maxDrawdownPercent", () => {
    const curve = simulatePortfolio(5, T0 + 3 * HOUR, 5 * 1440);
    const series = drawdownSeries(curve.samples, curve.initialCapital);
    const { samples, ...options } = curve;
    const stats = computeCapitalStatistics(samples, options);
    expect(Math.max(...series.drawdownPercent)).toBe(stats.maxDrawdownPercent);
    expect(Math.max(...series.drawdown)).toBe(stats.maxDrawdown);
    expect(series.timestamps.length).toBe(curve.samples.length);
  });

  it("rejects a bad capital and unordered samples", () => {
    expect(() => drawdownSeries([], 0)).toThrow(InvalidArgumentError);
    expect(() => drawdownSeries([sample(T0 + HOUR, 1), sample(T0, 1)], 1000)).toThrow(
      /samples\[1\]\.timestamp/,
    );
  });
});
