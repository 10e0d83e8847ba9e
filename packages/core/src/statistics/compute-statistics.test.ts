import { describe, expect, it } from "vitest";
import { CandlewickError, InvalidArgumentError } from "../errors/index.js";
import type { ClosedResult } from "../spec/index.js";
import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import { computeStatistics } from "./compute-statistics.js";
import { referenceStatistics } from "./reference-statistics.test-helpers.js";
import { closedTrade, DAY, HOUR, MINUTE, seededRandom, T0 } from "./statistics.test-helpers.js";

/** Relative closeness, for values whose magnitude varies too much for `toBeCloseTo`'s absolute digits. */
function expectRelativelyClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** Every null metric has a reason and every reason belongs to a null metric; no NaN or ±Infinity anywhere. */
function expectConsistentNulls(stats: TradeStatistics): void {
  const { unavailable, ...values } = stats;
  for (const [key, value] of Object.entries(values)) {
    if (value === null) expect(unavailable, `reason for ${key}`).toHaveProperty(key);
    else expect(Number.isFinite(value), `${key} is finite`).toBe(true);
  }
  for (const key of Object.keys(unavailable)) expect(values, `${key} is null`).toHaveProperty(key, null);
}

/**
 * Fixture A: four trades on one symbol, one per day, each opened at 00:00 UTC.
 *
 *   #  day  held           r (pnl%)  trough%  peak%
 *   1   0   00:00-12:00      +10       -2       12
 *   2   1   00:00-06:00       -5       -6        1
 *   3   2   00:00-18:00       +4       -1        5
 *   4   3   00:00-12:00       -2       -8      0.5
 */
const FIXTURE_A = [
  closedTrade({ open: T0, close: T0 + 12 * HOUR, pnl: 10, trough: -2, peak: 12 }),
  closedTrade({ open: T0 + DAY, close: T0 + DAY + 6 * HOUR, pnl: -5, trough: -6, peak: 1 }),
  closedTrade({ open: T0 + 2 * DAY, close: T0 + 2 * DAY + 18 * HOUR, pnl: 4, trough: -1, peak: 5 }),
  closedTrade({ open: T0 + 3 * DAY, close: T0 + 3 * DAY + 12 * HOUR, pnl: -2, trough: -8, peak: 0.5 }),
];

describe("computeStatistics: hand-computed fixture A over an explicit 365-day period", () => {
  // A 365-day period makes the CAGR exponent 365/365 = 1, so expectedYearlyReturns = compoundedReturn.
  const stats = computeStatistics(FIXTURE_A, { periodStart: T0, periodEnd: T0 + 365 * DAY });

  it("counts and per-trade averages", () => {
    expect(stats.tradeCount).toBe(4);
    expect(stats.winCount).toBe(2);
    expect(stats.lossCount).toBe(2);
    expect(stats.breakevenCount).toBe(0);
    expect(stats.winRate).toBe(50); // 2 / (2 + 2) × 100
    expect(stats.totalPnl).toBeCloseTo(7, 12); // 10 - 5 + 4 - 2
    expect(stats.avgPnl).toBeCloseTo(1.75, 12); // 7 / 4
    expect(stats.medianPnl).toBeCloseTo(1, 12); // sorted -5, -2, 4, 10 → (-2 + 4) / 2
    expect(stats.bestTrade).toBe(10);
    expect(stats.worstTrade).toBe(-5);
    expect(stats.avgWin).toBeCloseTo(7, 12); // (10 + 4) / 2
    expect(stats.avgLoss).toBeCloseTo(-3.5, 12); // (-5 - 2) / 2
    expect(stats.avgPeakPnl).toBeCloseTo(4.625, 12); // (12 + 1 + 5 + 0.5) / 4
    expect(stats.avgTroughPnl).toBeCloseTo(-4.25, 12); // (-2 - 6 - 1 - 8) / 4
    expect(stats.avgDurationMinutes).toBeCloseTo(720, 9); // (720 + 360 + 1080 + 720) / 4
  });

  it("spread-based ratios", () => {
    // deviations from 1.75: 8.25, -6.75, 2.25, -3.75; squares 68.0625 + 45.5625 + 5.0625 + 14.0625 = 132.75
    // sample variance 132.75 / 3 = 44.25; stdDev = √44.25 ≈ 6.652067
    expect(stats.stdDev).toBeCloseTo(Math.sqrt(44.25), 12);
    expect(stats.sharpeRatio).toBeCloseTo(1.75 / Math.sqrt(44.25), 12); // ≈ 0.263076
    expect(stats.sqn).toBeCloseTo((Math.sqrt(4) * 1.75) / Math.sqrt(44.25), 12); // ≈ 0.526152
    expect(stats.certaintyRatio).toBeCloseTo(2, 12); // 7 / 3.5
    expect(stats.profitFactor).toBeCloseTo(2, 12); // (10 + 4) / |-5 - 2|
    expect(stats.expectancy).toBeCloseTo(1.75, 12); // 0.5 × 7 + 0.5 × (-3.5)
    expect(stats.maxConsecutiveWins).toBe(1); // W L W L
    expect(stats.maxConsecutiveLosses).toBe(1);
  });

  it("equity curve: compounded return and mark-to-market drawdown", () => {
    // equity 1 (peak 1)
    //   #1 trough 1 × 0.98 = 0.98 → dd 2%;          close 1 × 1.10 = 1.1 (new peak)
    //   #2 trough 1.1 × 0.94 = 1.034 → dd 6%;       close 1.1 × 0.95 = 1.045 → dd 5%
    //   #3 trough 1.045 × 0.99 = 1.03455 → 5.95%;   close 1.045 × 1.04 = 1.0868
    //   #4 trough 1.0868 × 0.92 = 0.999856 → (1.1 - 0.999856) / 1.1 = 9.104%; close 1.0868 × 0.98 = 1.065064
    expect(stats.compoundedReturn).toBeCloseTo(6.5064, 10);
    expect(stats.maxDrawdown).toBeCloseTo(9.104, 10);
    expect(stats.expectedYearlyReturns).toBeCloseTo(6.5064, 10); // 1.065064^(365/365) - 1
    expect(stats.calmarRatio).toBeCloseTo(6.5064 / 9.104, 10); // ≈ 0.714675
  });

  it("daily-resampled ratios over 365 calendar days, flat days included", () => {
    // daily returns: 0.10, -0.05, 0.04, -0.02 on days 0-3, then 361 zeros (365 days in all)
    // mean = 0.07 / 365; Σ(d - mean)² = Σd² - 365·mean² = 0.0145 - 0.0049 / 365
    const dailyMean = 0.07 / 365;
    const dailySd = Math.sqrt((0.0145 - 0.0049 / 365) / 364);
    expect(stats.annualizedSharpeRatio).toBeCloseTo((dailyMean / dailySd) * Math.sqrt(365), 10); // ≈ 0.580790
    // downside deviation = √((0.05² + 0.02²) / 365) = √(0.0029 / 365)
    const downside = Math.sqrt(0.0029 / 365);
    expect(stats.sortinoRatio).toBeCloseTo((dailyMean / downside) * Math.sqrt(365), 10); // ≈ 1.299867
  });

  it("period, exposure and pace", () => {
    expect(stats.periodStart).toBe(T0);
    expect(stats.periodEnd).toBe(T0 + 365 * DAY);
    expect(stats.periodDays).toBe(365);
    expect(stats.periodsPerYear).toBe(365);
    expect(stats.tradesPerYear).toBeCloseTo(4, 12); // 4 / 365 × 365
    // held 720 + 360 + 1080 + 720 = 2880 minutes of 365 × 1440 = 525 600
    expect(stats.exposure).toBeCloseTo((2880 / 525_600) * 100, 12); // ≈ 0.547945%
  });

  it("has no unavailable metric", () => {
    expect(stats.unavailable).toEqual({});
    expectConsistentNulls(stats);
  });
});

describe("computeStatistics: fixture A over its default period", () => {
  // period = first pendingAt (day 0 00:00) .. last close (day 3 12:00) = 3.5 days
  const stats = computeStatistics(FIXTURE_A);

  it("uses the trades' own span", () => {
    expect(stats.periodStart).toBe(T0);
    expect(stats.periodEnd).toBe(T0 + 3 * DAY + 12 * HOUR);
    expect(stats.periodDays).toBeCloseTo(3.5, 12);
    expect(stats.tradesPerYear).toBeCloseTo((4 / 3.5) * 365, 9); // ≈ 417.142857
    expect(stats.exposure).toBeCloseTo((2880 / (3.5 * 1440)) * 100, 9); // 2880 / 5040 ≈ 57.142857%
    expectRelativelyClose(stats.expectedYearlyReturns, (1.065064 ** (365 / 3.5) - 1) * 100); // ≈ 71 497%
    expectRelativelyClose(stats.calmarRatio, ((1.065064 ** (365 / 3.5) - 1) * 100) / 9.104);
  });

  it("resamples to the 4 days the period touches", () => {
    // days 0..3 (the last day is the one holding day 3 12:00): returns 0.10, -0.05, 0.04, -0.02
    // mean 0.0175; deviations 0.0825, -0.0675, 0.0225, -0.0375; Σ squares = 0.013275; sample var = 0.013275 / 3
    const sharpeDaily = 0.0175 / Math.sqrt(0.013275 / 3);
    expect(stats.annualizedSharpeRatio).toBeCloseTo(sharpeDaily * Math.sqrt(365), 9); // ≈ 5.026062
    // downside = √((0.05² + 0.02²) / 4) = √0.000725
    expect(stats.sortinoRatio).toBeCloseTo((0.0175 / Math.sqrt(0.000725)) * Math.sqrt(365), 9); // ≈ 12.416966
  });

  it("annualises daily returns with periodsPerYear", () => {
    const equities = computeStatistics(FIXTURE_A, { periodsPerYear: 252 });
    expect(equities.periodsPerYear).toBe(252);
    expect(equities.annualizedSharpeRatio).toBeCloseTo(
      (0.0175 / Math.sqrt(0.013275 / 3)) * Math.sqrt(252),
      9,
    );
    expect(equities.sharpeRatio).toBe(stats.sharpeRatio); // per-trade Sharpe is not annualised
  });
});

describe("computeStatistics: input order", () => {
  it("gives the same result for shuffled input", () => {
    const sorted = computeStatistics(FIXTURE_A);
    const shuffled = [FIXTURE_A[2]!, FIXTURE_A[0]!, FIXTURE_A[3]!, FIXTURE_A[1]!];
    expect(computeStatistics(shuffled)).toStrictEqual(sorted);
    expect(computeStatistics([...FIXTURE_A].reverse())).toStrictEqual(sorted);
  });

  it("breaks close-time ties by open time, then symbol, then signal id", () => {
    // Close order: W (1h), then two trades closing together at 2h, then L (3h).
    //   tie on close and open: "AAA" (W) sorts before "BBB" (L) → W W L L → streaks 2 and 2
    //   (the other order, W L W L, would give 1 and 1)
    const trades = [
      closedTrade({ open: T0 + 3 * MINUTE, close: T0 + 3 * HOUR, pnl: -1, symbol: "CCC" }),
      closedTrade({ open: T0 + 2 * MINUTE, close: T0 + 2 * HOUR, pnl: -1, symbol: "BBB" }),
      closedTrade({ open: T0 + 2 * MINUTE, close: T0 + 2 * HOUR, pnl: 1, symbol: "AAA" }),
      closedTrade({ open: T0 + 1 * MINUTE, close: T0 + 1 * HOUR, pnl: 1, symbol: "CCC" }),
    ];
    const stats = computeStatistics(trades);
    expect(stats.maxConsecutiveWins).toBe(2);
    expect(stats.maxConsecutiveLosses).toBe(2);

    // Same close: the trade opened earlier comes first, whatever its symbol.
    //   "ZZZ" opened at 0 (W), "AAA" opened at 1 min (L): W W L L again
    const byOpen = [
      closedTrade({ open: T0 + 3 * MINUTE, close: T0 + 3 * HOUR, pnl: -1 }),
      closedTrade({ open: T0 + MINUTE, close: T0 + 2 * HOUR, pnl: -1, symbol: "AAA" }),
      closedTrade({ open: T0, close: T0 + 2 * HOUR, pnl: 1, symbol: "ZZZ" }),
      closedTrade({ open: T0, close: T0 + HOUR, pnl: 1, symbol: "YYY" }),
    ];
    expect(computeStatistics(byOpen).maxConsecutiveWins).toBe(2);

    // Same close, open and symbol: signal id decides ("a" W before "b" L).
    const byId = [
      closedTrade({ open: T0, close: T0 + 2 * HOUR, pnl: -1, id: "b" }),
      closedTrade({ open: T0, close: T0 + 2 * HOUR, pnl: 1, id: "a" }),
      closedTrade({ open: T0, close: T0 + HOUR, pnl: 1, id: "z" }),
    ];
    expect(computeStatistics(byId).maxConsecutiveWins).toBe(2);
  });
});

describe("computeStatistics: edge sets", () => {
  it("all wins: no loss-based ratio, profit factor null with its reason", () => {
    // r = 2, 3, 5 on days 0, 1, 2 (00:00-12:00); troughs -1, -0.5, 0
    const stats = computeStatistics(
      [
        closedTrade({ open: T0, close: T0 + 12 * HOUR, pnl: 2, trough: -1 }),
        closedTrade({ open: T0 + DAY, close: T0 + DAY + 12 * HOUR, pnl: 3, trough: -0.5 }),
        closedTrade({ open: T0 + 2 * DAY, close: T0 + 2 * DAY + 12 * HOUR, pnl: 5, trough: 0 }),
      ],
      { periodStart: T0, periodEnd: T0 + 365 * DAY },
    );
    expect(stats.winRate).toBe(100);
    expect(stats.lossCount).toBe(0);
    expect(stats.avgLoss).toBeNull();
    expect(stats.unavailable.avgLoss).toBe("no losing trades");
    expect(stats.profitFactor).toBeNull();
    expect(stats.unavailable.profitFactor).toBe("no losing trades (the ratio is unbounded)");
    expect(stats.certaintyRatio).toBeNull();
    expect(stats.unavailable.certaintyRatio).toBe("no losing trades");
    expect(stats.sortinoRatio).toBeNull();
    expect(stats.unavailable.sortinoRatio).toBe("no losing days (downside deviation is 0)");
    expect(stats.maxConsecutiveWins).toBe(3);
    expect(stats.maxConsecutiveLosses).toBe(0);
    // mean 10/3; Σ(r - mean)² = 4 + 9 + 25 - 3 × (10/3)² = 14/3; sample var = 7/3
    expect(stats.sharpeRatio).toBeCloseTo(10 / 3 / Math.sqrt(7 / 3), 12); // ≈ 2.182179
    // equity: trough 0.99 (dd 1%), close 1.02; trough 1.02 × 0.995 = 1.0149 (dd 0.5%), close 1.0506;
    //         trough 1.0506 (dd 0), close 1.0506 × 1.05 = 1.10313
    expect(stats.maxDrawdown).toBeCloseTo(1, 12);
    expect(stats.compoundedReturn).toBeCloseTo(10.313, 10);
    expect(stats.calmarRatio).toBeCloseTo(10.313 / 1, 10); // CAGR over exactly 365 days = 10.313%
    expectConsistentNulls(stats);
  });

  it("all losses: profit factor 0, win rate 0, no win-based ratio", () => {
    // r = -1, -2, -3, troughs equal to the results; 365-day period
    const stats = computeStatistics(
      [
        closedTrade({ open: T0, close: T0 + HOUR, pnl: -1 }),
        closedTrade({ open: T0 + DAY, close: T0 + DAY + HOUR, pnl: -2 }),
        closedTrade({ open: T0 + 2 * DAY, close: T0 + 2 * DAY + HOUR, pnl: -3 }),
      ],
      { periodStart: T0, periodEnd: T0 + 365 * DAY },
    );
    expect(stats.winRate).toBe(0);
    expect(stats.profitFactor).toBe(0); // 0 / |-6|
    expect(stats.avgWin).toBeNull();
    expect(stats.unavailable.avgWin).toBe("no winning trades");
    expect(stats.certaintyRatio).toBeNull();
    expect(stats.unavailable.certaintyRatio).toBe("no winning trades");
    expect(stats.avgLoss).toBeCloseTo(-2, 12);
    // mean -2, deviations 1, 0, -1 → sample var 2/2 = 1
    expect(stats.stdDev).toBeCloseTo(1, 12);
    expect(stats.sharpeRatio).toBeCloseTo(-2, 12);
    expect(stats.sqn).toBeCloseTo(-2 * Math.sqrt(3), 12); // ≈ -3.464102
    expect(stats.expectancy).toBeCloseTo(-2, 12); // 0 × · + 1 × (-2)
    expect(stats.maxConsecutiveLosses).toBe(3);
    // equity 0.99 → 0.9702 → 0.941094; the peak stays the starting 1
    expect(stats.compoundedReturn).toBeCloseTo(-5.8906, 10);
    expect(stats.maxDrawdown).toBeCloseTo(5.8906, 10);
    expect(stats.calmarRatio).toBeCloseTo(-1, 10); // -5.8906 / 5.8906
    expectConsistentNulls(stats);
  });

  it("a single trade: sample figures need 2 trades, the rest is defined", () => {
    // held 01:00-05:00 on day 0, +3%, trough -1%, peak +4%; default period = 4 hours = 1/6 day
    const stats = computeStatistics([
      closedTrade({ open: T0 + HOUR, close: T0 + 5 * HOUR, pnl: 3, trough: -1, peak: 4 }),
    ]);
    expect(stats.tradeCount).toBe(1);
    expect(stats.winRate).toBe(100);
    expect(stats.medianPnl).toBe(3);
    expect(stats.compoundedReturn).toBeCloseTo(3, 12);
    expect(stats.maxDrawdown).toBeCloseTo(1, 12); // trough 0.99 against the starting peak 1
    expect(stats.exposure).toBeCloseTo(100, 12);
    expect(stats.avgDurationMinutes).toBe(240);
    expect(stats.tradesPerYear).toBeCloseTo(2190, 9); // 1 / (1/6) × 365, no cap
    expect(stats.expectancy).toBeCloseTo(3, 12);
    expectRelativelyClose(stats.expectedYearlyReturns, (1.03 ** 2190 - 1) * 100); // 365 / (1/6) = 2190
    for (const key of [
      "stdDev",
      "sharpeRatio",
      "sqn",
      "annualizedSharpeRatio",
      "sortinoRatio",
      "calmarRatio",
      "certaintyRatio",
      "profitFactor",
    ] as const) {
      expect(stats[key], key).toBeNull();
      expect(stats.unavailable[key], key).toBe("needs at least 2 trades, got 1");
    }
    expectConsistentNulls(stats);
  });

  it("breakeven trades are neither wins nor losses and end streaks", () => {
    // close order: +2, 0, +2, -1, 0, -1 (one per day)
    const pnls = [2, 0, 2, -1, 0, -1];
    const stats = computeStatistics(
      pnls.map((pnl, day) => closedTrade({ open: T0 + day * DAY, close: T0 + day * DAY + HOUR, pnl })),
    );
    expect(stats.winCount).toBe(2);
    expect(stats.lossCount).toBe(2);
    expect(stats.breakevenCount).toBe(2);
    expect(stats.winRate).toBe(50); // 2 / (2 + 2), breakevens left out
    expect(stats.avgPnl).toBeCloseTo(2 / 6, 12); // breakevens count in N
    expect(stats.expectancy).toBeCloseTo((2 / 6) * 2 + (2 / 6) * -1, 12); // = 1/3 = avgPnl
    expect(stats.medianPnl).toBe(0); // sorted -1, -1, 0, 0, 2, 2
    expect(stats.profitFactor).toBeCloseTo(2, 12); // 4 / 2
    expect(stats.maxConsecutiveWins).toBe(1); // the 0 between the two wins ends the run
    expect(stats.maxConsecutiveLosses).toBe(1);
  });

  it("only breakeven trades: no win rate, zero variance", () => {
    const stats = computeStatistics([
      closedTrade({ open: T0, close: T0 + HOUR, pnl: 0 }),
      closedTrade({ open: T0 + DAY, close: T0 + DAY + HOUR, pnl: 0 }),
    ]);
    expect(stats.breakevenCount).toBe(2);
    expect(stats.winRate).toBeNull();
    expect(stats.unavailable.winRate).toBe("no winning or losing trades (all breakeven)");
    expect(stats.stdDev).toBe(0);
    expect(stats.sharpeRatio).toBeNull();
    expect(stats.unavailable.sharpeRatio).toBe("zero variance");
    expect(stats.unavailable.sqn).toBe("zero variance");
    expect(stats.unavailable.annualizedSharpeRatio).toBe("zero variance of daily returns");
    expect(stats.unavailable.profitFactor).toBe("no winning or losing trades");
    expect(stats.maxDrawdown).toBe(0);
    expect(stats.compoundedReturn).toBe(0);
    expect(stats.expectedYearlyReturns).toBe(0);
    expect(stats.unavailable.calmarRatio).toBe("no drawdown (maxDrawdown is 0)");
    expectConsistentNulls(stats);
  });

  it("identical non-zero results count as zero variance despite rounding", () => {
    // ten trades of +0.1: their float mean is 0.09999999999999999, so the raw spread is ~1e-17, not 0
    const trades = Array.from({ length: 10 }, (_, k) =>
      closedTrade({ open: T0 + k * DAY, close: T0 + k * DAY + HOUR, pnl: 0.1 }),
    );
    const stats = computeStatistics(trades);
    expect(stats.sharpeRatio).toBeNull();
    expect(stats.unavailable.sharpeRatio).toBe("zero variance");
  });

  it("no trades: only counts, and the period when given", () => {
    const empty = computeStatistics([]);
    expect(empty.tradeCount).toBe(0);
    expect(empty.maxConsecutiveWins).toBe(0);
    expect(empty.totalPnl).toBeNull();
    expect(empty.unavailable.totalPnl).toBe("no closed trades");
    expect(empty.unavailable.sharpeRatio).toBe("no closed trades");
    expect(empty.periodStart).toBeNull();
    expect(empty.exposure).toBeNull();
    expectConsistentNulls(empty);

    const withPeriod = computeStatistics([], { periodStart: T0, periodEnd: T0 + 10 * DAY });
    expect(withPeriod.periodDays).toBe(10);
    expect(withPeriod.exposure).toBe(0); // never in the market
    expect(withPeriod.tradesPerYear).toBe(0);
    expect(withPeriod.maxDrawdown).toBeNull();
    expectConsistentNulls(withPeriod);
  });

  it("a wiped-out account stays at 0 and losses beyond -100% are floored", () => {
    // +10%, then -100%: equity 1.1 → 0; the +5% after it cannot revive it
    const blown = computeStatistics([
      closedTrade({ open: T0, close: T0 + HOUR, pnl: 10 }),
      closedTrade({ open: T0 + DAY, close: T0 + DAY + HOUR, pnl: -100 }),
      closedTrade({ open: T0 + 2 * DAY, close: T0 + 2 * DAY + HOUR, pnl: 5 }),
    ]);
    expect(blown.compoundedReturn).toBe(-100);
    expect(blown.maxDrawdown).toBe(100);
    expect(blown.expectedYearlyReturns).toBe(-100);
    expectConsistentNulls(blown);

    // two shorts at -150%: unfloored factors (-0.5) × (-0.5) = 0.25 would show -75%; floored it is -100%
    const overLoss = computeStatistics([
      closedTrade({ open: T0, close: T0 + HOUR, pnl: -150 }),
      closedTrade({ open: T0 + DAY, close: T0 + DAY + HOUR, pnl: -150 }),
    ]);
    expect(overLoss.compoundedReturn).toBe(-100);
    expect(overLoss.maxDrawdown).toBe(100);
    // daily: day 0 -100%, day 1 0 (nothing left); mean -0.5, sample sd √0.5
    expect(overLoss.annualizedSharpeRatio).toBeCloseTo((-0.5 / Math.sqrt(0.5)) * Math.sqrt(365), 9);
  });
});

describe("computeStatistics: exposure", () => {
  // BTC [0h, 10h) and [5h, 15h) overlap: union 15h. ETH [2h, 4h) and [20h, 24h): 6h.
  const trades = [
    closedTrade({ symbol: "BTCUSDT", open: T0, close: T0 + 10 * HOUR, pnl: 1 }),
    closedTrade({ symbol: "BTCUSDT", open: T0 + 5 * HOUR, close: T0 + 15 * HOUR, pnl: -1 }),
    closedTrade({ symbol: "ETHUSDT", open: T0 + 2 * HOUR, close: T0 + 4 * HOUR, pnl: 2 }),
    closedTrade({ symbol: "ETHUSDT", open: T0 + 20 * HOUR, close: T0 + 24 * HOUR, pnl: -0.5 }),
  ];

  it("takes the union per symbol over period × symbols", () => {
    // default period 0h..24h: (15 + 6) / (24 × 2) = 43.75%
    expect(computeStatistics(trades).exposure).toBeCloseTo(43.75, 12);
    // explicit 48h period: 21 / (48 × 2) = 21.875%
    expect(computeStatistics(trades, { periodStart: T0, periodEnd: T0 + 48 * HOUR }).exposure).toBeCloseTo(
      21.875,
      12,
    );
  });

  it("counts overlapping time once when every trade is on one symbol", () => {
    // all on one symbol: [0, 15) ∪ [2, 4) ∪ [20, 24) = 15 + 4 = 19h of 24h
    const oneSymbol = trades.map((t) => closedTrade({ ...specOf(t), symbol: "BTCUSDT" }));
    expect(computeStatistics(oneSymbol).exposure).toBeCloseTo((19 / 24) * 100, 12);
  });
});

describe("computeStatistics: calendar-day resampling", () => {
  it("books a close at a midnight period end on the last day, without an extra empty day", () => {
    // period exactly [day 0 00:00, day 2 00:00]: 2 days. Trade 2 closes at day 2 00:00 = periodEnd.
    // daily returns 0.02, -0.01 (not 0.02, 0, -0.01): mean 0.005, deviations ±0.015, sample var 2 × 0.015²
    const stats = computeStatistics(
      [
        closedTrade({ open: T0, close: T0 + 12 * HOUR, pnl: 2 }),
        closedTrade({ open: T0 + DAY + 6 * HOUR, close: T0 + 2 * DAY, pnl: -1 }),
      ],
      { periodStart: T0, periodEnd: T0 + 2 * DAY },
    );
    expect(stats.periodDays).toBe(2);
    expect(stats.annualizedSharpeRatio).toBeCloseTo((0.005 / Math.sqrt(2 * 0.015 ** 2)) * Math.sqrt(365), 9);
  });

  it("keeps annualised metrics defined for many trades per day", () => {
    // 8 trades a day for 10 days on two symbols, explicit 10-day period
    const random = seededRandom(7);
    const trades: ClosedResult[] = [];
    for (let day = 0; day < 10; day++) {
      for (let k = 0; k < 8; k++) {
        const open = T0 + day * DAY + k * 3 * HOUR;
        const pnl = Math.round((random() * 4 - 1.8) * 100) / 100;
        trades.push(
          closedTrade({ symbol: k % 2 === 0 ? "BTCUSDT" : "ETHUSDT", open, close: open + 2 * HOUR, pnl }),
        );
      }
    }
    const options = { periodStart: T0, periodEnd: T0 + 10 * DAY };
    const stats = computeStatistics(trades, options);
    expect(stats.tradesPerYear).toBeCloseTo((80 / 10) * 365, 9); // 2920 a year: no 365 cap
    expect(stats.annualizedSharpeRatio).not.toBeNull();
    expect(stats.sortinoRatio).not.toBeNull();
    expect(stats.expectedYearlyReturns).not.toBeNull();
    // each symbol holds 4 × 2h a day of 24h: exposure 8/24
    expect(stats.exposure).toBeCloseTo((8 / 24) * 100, 9);
    const reference = referenceStatistics(trades, options);
    expectRelativelyClose(stats.annualizedSharpeRatio, reference.annualizedSharpeRatio!);
    expectRelativelyClose(stats.sortinoRatio, reference.sortinoRatio!);
  });
});

describe("computeStatistics: agrees with a naive re-implementation", () => {
  it("on 600 random minute-aligned trades over 60 days on three symbols", () => {
    const random = seededRandom(20_240_101);
    const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
    const trades: ClosedResult[] = [];
    for (let k = 0; k < 600; k++) {
      const open = T0 + Math.floor(random() * 60 * 24 * 60) * MINUTE;
      const close = Math.min(open + Math.floor(1 + random() * 600) * MINUTE, T0 + 60 * DAY);
      // a few exact ties on close time and a few breakevens on purpose
      const pnl = k % 50 === 0 ? 0 : Math.round((random() * 6 - 2.9) * 1000) / 1000;
      const trough = Math.min(pnl, 0) - Math.round(random() * 2000) / 1000;
      const peak = Math.max(pnl, 0) + Math.round(random() * 2000) / 1000;
      trades.push(closedTrade({ symbol: symbols[k % 3]!, open, close, pnl, trough, peak, id: `s${k}` }));
    }
    trades.push(closedTrade({ ...specOf(trades[1]!), symbol: "ETHUSDT", id: "tie" }));

    for (const options of [
      {},
      { periodStart: T0 - 5 * DAY, periodEnd: T0 + 70 * DAY, periodsPerYear: 252 },
    ]) {
      const stats = computeStatistics(trades, options);
      const reference = referenceStatistics(trades, options);
      expect(stats.unavailable).toEqual({});
      for (const [key, expected] of Object.entries(reference)) {
        expectRelativelyClose(
          stats[key as keyof typeof reference & keyof TradeStatistics] as number,
          expected,
        );
      }
    }
  });
});

describe("computeStatistics: JSON", () => {
  it("round-trips through JSON.stringify / JSON.parse unchanged", () => {
    const cases = [
      computeStatistics(FIXTURE_A),
      computeStatistics([]),
      computeStatistics([closedTrade({ open: T0, close: T0 + HOUR, pnl: 3 })]),
      computeStatistics([
        closedTrade({ open: T0, close: T0 + HOUR, pnl: 1 }),
        closedTrade({ open: T0, close: T0 + 2 * HOUR, pnl: 2 }),
      ]),
      computeStatistics([closedTrade({ open: T0, close: T0 + HOUR, pnl: -0, trough: -0, peak: -0 })]),
    ];
    for (const stats of cases) {
      expect(JSON.parse(JSON.stringify(stats))).toStrictEqual(stats);
      expectConsistentNulls(stats);
    }
  });

  it("reports an overflowing annualisation as null with a reason", () => {
    // +50% in one minute annualised: 1.5^(365 × 1440) overflows a double
    const stats = computeStatistics([
      closedTrade({ open: T0, close: T0 + MINUTE, pnl: 50 }),
      closedTrade({ open: T0, close: T0 + MINUTE, pnl: 50, id: "second" }),
    ]);
    expect(stats.expectedYearlyReturns).toBeNull();
    expect(stats.unavailable.expectedYearlyReturns).toMatch(/too large/);
    expect(stats.unavailable.calmarRatio).toMatch(/expectedYearlyReturns is unavailable/);
    expect(JSON.parse(JSON.stringify(stats))).toStrictEqual(stats);
  });
});

describe("computeStatistics: options and validation", () => {
  it("applies minTradesForRatios to the ratios only", () => {
    const stats = computeStatistics(FIXTURE_A, { minTradesForRatios: 5 });
    for (const key of [
      "sharpeRatio",
      "annualizedSharpeRatio",
      "sortinoRatio",
      "calmarRatio",
      "sqn",
      "certaintyRatio",
      "profitFactor",
    ] as const) {
      expect(stats[key], key).toBeNull();
      expect(stats.unavailable[key], key).toBe("needs at least 5 trades, got 4");
    }
    expect(stats.stdDev).toBeCloseTo(Math.sqrt(44.25), 12);
    expect(stats.avgPnl).toBeCloseTo(1.75, 12);
    expect(stats.expectancy).toBeCloseTo(1.75, 12);
  });

  it("widens a period that does not contain every trade", () => {
    const stats = computeStatistics(FIXTURE_A, { periodStart: T0 + DAY, periodEnd: T0 + 2 * DAY });
    expect(stats.periodStart).toBe(T0);
    expect(stats.periodEnd).toBe(T0 + 3 * DAY + 12 * HOUR);
  });

  it("rejects bad options and malformed trades with an InvalidArgumentError", () => {
    const throws = (run: () => unknown, field: string) => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect(CandlewickError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).field).toBe(field);
    };
    throws(() => computeStatistics(FIXTURE_A, { periodStart: T0, periodEnd: T0 - 1 }), "periodEnd");
    throws(() => computeStatistics(FIXTURE_A, { periodsPerYear: 0 }), "periodsPerYear");
    throws(() => computeStatistics(FIXTURE_A, { minTradesForRatios: 1.5 }), "minTradesForRatios");
    throws(() => computeStatistics(FIXTURE_A, { periodStart: Number.NaN }), "periodStart");

    const cancelled = { ...FIXTURE_A[0]!, action: "cancelled" } as unknown as ClosedResult;
    throws(() => computeStatistics([FIXTURE_A[1]!, cancelled]), "trades[1].action");
    const backwards = closedTrade({ open: T0 + HOUR, close: T0, pnl: 1 });
    throws(() => computeStatistics([backwards]), "trades[0].closeTimestamp");
    const notANumber = closedTrade({ open: T0, close: T0 + HOUR, pnl: Number.NaN });
    throws(() => computeStatistics([notANumber]), "trades[0].pnl.pnlPercentage");
  });
});

describe("computeStatistics: scale", () => {
  it("handles 100 000 trades in well under a second or two", () => {
    const random = seededRandom(99);
    const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT"];
    const trades: ClosedResult[] = [];
    for (let k = 0; k < 100_000; k++) {
      const open = T0 + Math.floor(random() * 730 * 1440) * MINUTE;
      const pnl = random() * 4 - 1.9;
      trades.push(
        closedTrade({ symbol: symbols[k % 5]!, open, close: open + 90 * MINUTE, pnl, id: `t${k}` }),
      );
    }
    const started = performance.now();
    const stats = computeStatistics(trades);
    const elapsed = performance.now() - started;
    expect(stats.tradeCount).toBe(100_000);
    expectConsistentNulls(stats);
    expect(elapsed).toBeLessThan(2_000);
  });
});

/** The spec a fixture was built from, to derive a variant of it. */
function specOf(trade: ClosedResult) {
  return {
    open: trade.signal.pendingAt,
    close: trade.closeTimestamp,
    pnl: trade.pnl.pnlPercentage,
    peak: trade.pnl.peakPercentage,
    trough: trade.pnl.troughPercentage,
    symbol: trade.symbol,
    id: trade.signal.id,
  };
}
