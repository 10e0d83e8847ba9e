import { describe, expect, it } from "vitest";
import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import {
  compareMetric,
  DEFAULT_WALKER_METRIC,
  isWalkerMetric,
  WALKER_METRICS,
  type WalkerMetric,
} from "./walker-metric.js";

describe("WALKER_METRICS", () => {
  it("lists the rankable metrics with their direction", () => {
    expect(Object.keys(WALKER_METRICS).sort()).toEqual(
      [
        "annualizedSharpeRatio",
        "avgPnl",
        "calmarRatio",
        "certaintyRatio",
        "expectancy",
        "expectedYearlyReturns",
        "maxDrawdown",
        "profitFactor",
        "sharpeRatio",
        "sortinoRatio",
        "totalPnl",
        "winRate",
      ].sort(),
    );
    expect(DEFAULT_WALKER_METRIC).toBe("sharpeRatio");
    expect(WALKER_METRICS.maxDrawdown.direction).toBe("lower");
    for (const [metric, info] of Object.entries(WALKER_METRICS)) {
      if (metric !== "maxDrawdown") expect(info.direction, metric).toBe("higher");
      expect(info.label.length, metric).toBeGreaterThan(0);
    }
  });

  it("names only fields of TradeStatistics that hold a number or null", () => {
    // Compile-time: every metric indexes TradeStatistics to number | null.
    const read = (stats: TradeStatistics, metric: WalkerMetric): number | null => stats[metric];
    expect(typeof read).toBe("function");
  });

  it("recognises metric names", () => {
    expect(isWalkerMetric("sortinoRatio")).toBe(true);
    expect(isWalkerMetric("tradeCount")).toBe(false);
    expect(isWalkerMetric("toString")).toBe(false);
    expect(isWalkerMetric(undefined)).toBe(false);
  });
});

describe("compareMetric", () => {
  it("sorts higher-is-better metrics descending with nulls last", () => {
    const values = [0.5, null, 2, -1, null, 1.5];
    expect([...values].sort((a, b) => compareMetric("sharpeRatio", a, b))).toEqual([
      2,
      1.5,
      0.5,
      -1,
      null,
      null,
    ]);
  });

  it("sorts maxDrawdown ascending with nulls last", () => {
    const values = [12, null, 3.5, 40, 0];
    expect([...values].sort((a, b) => compareMetric("maxDrawdown", a, b))).toEqual([0, 3.5, 12, 40, null]);
  });

  it("never lets a null win and ties equal values", () => {
    expect(compareMetric("winRate", null, -1_000)).toBeGreaterThan(0);
    expect(compareMetric("winRate", -1_000, null)).toBeLessThan(0);
    expect(compareMetric("maxDrawdown", null, 100)).toBeGreaterThan(0);
    expect(compareMetric("maxDrawdown", 100, null)).toBeLessThan(0);
    expect(compareMetric("winRate", null, null)).toBe(0);
    expect(compareMetric("avgPnl", 1, 1)).toBe(0);
    expect(compareMetric("avgPnl", 0, -0)).toBe(0);
  });

  it("picks the best strategy by the chosen metric", () => {
    const runs = [
      { name: "a", sharpeRatio: 0.8, maxDrawdown: 20 },
      { name: "b", sharpeRatio: 1.2, maxDrawdown: 35 },
      { name: "c", sharpeRatio: null, maxDrawdown: null },
    ];
    const best = (metric: "sharpeRatio" | "maxDrawdown") =>
      [...runs].sort((x, y) => compareMetric(metric, x[metric], y[metric]))[0]!.name;
    expect(best("sharpeRatio")).toBe("b");
    expect(best("maxDrawdown")).toBe("a");
  });
});
