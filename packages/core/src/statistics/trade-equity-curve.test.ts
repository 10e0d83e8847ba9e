import { describe, expect, it } from "vitest";
import { computeStatistics } from "./compute-statistics.js";
import { closedTrade, DAY, T0 } from "./statistics.test-helpers.js";
import { tradeEquityCurve } from "./trade-equity-curve.js";

describe("tradeEquityCurve", () => {
  // +10% (worst −5%), −20% (worst −30%), +5% (never below entry), walked by hand:
  //   trade 1: worst 1 × 0.95 = 0.95 → 5% below peak 1; close 1.1 = new peak → 0%.
  //   trade 2: worst 1.1 × 0.7 = 0.77 → (1.1 − 0.77)/1.1 = 30%; close 0.88 → (1.1 − 0.88)/1.1 = 20%.
  //   trade 3: worst 0.88 → 20%; close 0.88 × 1.05 = 0.924 → (1.1 − 0.924)/1.1 = 16%.
  const trades = [
    closedTrade({ open: T0, close: T0 + DAY, pnl: 10, trough: -5 }),
    closedTrade({ open: T0 + DAY, close: T0 + 2 * DAY, pnl: -20, trough: -30 }),
    closedTrade({ open: T0 + 2 * DAY, close: T0 + 3 * DAY, pnl: 5, trough: 0 }),
  ];

  it("has a start point at equity 1, then one point per trade at its close", () => {
    const curve = tradeEquityCurve(trades, T0 - DAY);
    expect(curve.timestamps).toEqual([T0 - DAY, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);
    expect(curve.equity.map((e) => +e.toFixed(12))).toEqual([1, 1.1, 0.88, 0.924]);
    expect(curve.drawdownPercent.map((d) => +d.toFixed(10))).toEqual([0, 0, 20, 16]);
    expect(curve.troughDrawdownPercent.map((d) => +d.toFixed(10))).toEqual([0, 5, 30, 20]);
  });

  it("ends where computeStatistics ends: final equity and the largest drawdown agree", () => {
    const curve = tradeEquityCurve(trades, T0);
    const stats = computeStatistics(trades);
    expect(curve.equity.at(-1)).toBeCloseTo(1 + stats.compoundedReturn! / 100, 12);
    expect(Math.max(...curve.drawdownPercent, ...curve.troughDrawdownPercent)).toBeCloseTo(
      stats.maxDrawdown!,
      10,
    );
    expect(stats.maxDrawdown).toBeCloseTo(30, 10);
  });

  it("floors a loss beyond −100% at 0 (a wiped-out account stays at 0, a 100% drawdown)", () => {
    const wiped = [
      closedTrade({ open: T0, close: T0 + DAY, pnl: -150, trough: -160 }),
      closedTrade({ open: T0 + DAY, close: T0 + 2 * DAY, pnl: 50 }),
    ];
    const curve = tradeEquityCurve(wiped, T0);
    expect(curve.equity).toEqual([1, 0, 0]);
    expect(curve.drawdownPercent).toEqual([0, 100, 100]);
  });

  it("is a single start point without trades, at the period's start", () => {
    expect(tradeEquityCurve([], T0)).toEqual({
      timestamps: [T0],
      equity: [1],
      drawdownPercent: [0],
      troughDrawdownPercent: [0],
    });
  });
});
