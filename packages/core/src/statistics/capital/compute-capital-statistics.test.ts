import { describe, expect, it } from "vitest";
import { CandlewickError, InvalidArgumentError } from "../../errors/index.js";
import type { CapitalStatistics, EquitySample } from "../../spec/index.js";
import { computeStatistics } from "../compute-statistics.js";
import { closedTrade, DAY, HOUR, MINUTE, seededRandom, T0 } from "../statistics.test-helpers.js";
import { computeCapitalStatistics } from "./compute-capital-statistics.js";
import { sample, simulatePortfolio } from "./equity-samples.test-helpers.js";
import { referenceCapitalStatistics } from "./reference-capital-statistics.test-helpers.js";

const SQRT_365 = Math.sqrt(365);

/** Relative closeness, for values whose magnitude varies too much for `toBeCloseTo`'s absolute digits. */
function expectRelativelyClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** Every null metric has a reason and every reason belongs to a null metric; no NaN or ±Infinity anywhere. */
function expectConsistentNulls(stats: CapitalStatistics): void {
  const { unavailable, ...values } = stats;
  for (const [key, value] of Object.entries(values)) {
    if (value === null) expect(unavailable, `reason for ${key}`).toHaveProperty(key);
    else expect(Number.isFinite(value), `${key} is finite`).toBe(true);
  }
  for (const key of Object.keys(unavailable)) expect(values, `${key} is null`).toHaveProperty(key, null);
  expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
}

/**
 * Fixture A: 1000 of capital over exactly three UTC days, [T0, T0 + 3 days), with no fees.
 *
 *   time           equity    exposure  open   (cash = equity − exposure)
 *   day 0 06:00    1000        500      1     buy 500 of one symbol
 *   day 0 12:00    1100        500      1     marked up (new peak)
 *   day 1 00:00     990        500      1     exactly midnight: opens day 1
 *   day 1 12:00    1045          0      0     sold
 *   day 2 06:00    1045       1000      2     two positions
 *   day 2 18:00    1097.25    1000      2
 */
const FIXTURE_A = [
  sample(T0 + 6 * HOUR, 1000, 500),
  sample(T0 + 12 * HOUR, 1100, 500),
  sample(T0 + DAY, 990, 500),
  sample(T0 + DAY + 12 * HOUR, 1045, 0),
  sample(T0 + 2 * DAY + 6 * HOUR, 1045, 1000, 2),
  sample(T0 + 2 * DAY + 18 * HOUR, 1097.25, 1000, 2),
];
const OPTIONS_A = { initialCapital: 1000, periodStart: T0, periodEnd: T0 + 3 * DAY };

describe("computeCapitalStatistics: hand-computed fixture A", () => {
  const stats = computeCapitalStatistics(FIXTURE_A, OPTIONS_A);

  it("return and CAGR", () => {
    expect(stats.initialCapital).toBe(1000);
    expect(stats.finalEquity).toBe(1097.25);
    expect(stats.netProfit).toBeCloseTo(97.25, 9);
    expect(stats.totalReturnPercent).toBeCloseTo(9.725, 9); // 97.25 / 1000 × 100
    // 3 days: (1.09725^(365/3) − 1) × 100 = e^(121.67 × 0.0928) ≈ 8.0 × 10^6 %
    expectRelativelyClose(stats.cagrPercent, (1.09725 ** (365 / 3) - 1) * 100);
  });

  it("daily returns: the midnight sample opens day 1; Sharpe and Sortino", () => {
    // Closes: day 0 → 1100 (the 990 at 00:00 belongs to day 1), day 1 → 1045, day 2 (last) → 1097.25.
    // d = 1100/1000 − 1 = 1/10, 1045/1100 − 1 = −1/20, 1097.25/1045 − 1 = 1/20. D = 3.
    expect(stats.dailyReturnCount).toBe(3);
    // mean = (1/10 − 1/20 + 1/20) / 3 = 1/30
    // deviations 1/15, −1/12, 1/60; squares 16/3600 + 25/3600 + 1/3600 = 7/600; / (3 − 1) → variance 7/1200
    expect(stats.sharpeRatio).toBeCloseTo((1 / 30 / Math.sqrt(7 / 1200)) * SQRT_365, 9); // ≈ 8.338
    // downside: only −1/20 → (1/400) / 3 = 1/1200
    expect(stats.sortinoRatio).toBeCloseTo((1 / 30 / Math.sqrt(1 / 1200)) * SQRT_365, 9); // ≈ 22.06
  });

  it("drawdown over every sample, and its duration", () => {
    // peak 1000 → 1100 at 12:00; 990 is 110 below it = 10%; 1045 (5%) and 1097.25 (0.25%) stay below it.
    expect(stats.maxDrawdown).toBeCloseTo(110, 9);
    expect(stats.maxDrawdownPercent).toBeCloseTo(10, 9);
    // Underwater from day 1 00:00 and never back at 1100: until periodEnd, 2 days = 2880 minutes.
    expect(stats.maxDrawdownDurationMinutes).toBe(2880);
    expectRelativelyClose(stats.calmarRatio, stats.cagrPercent! / 10);
  });

  it("time-weighted exposure, maxima", () => {
    // hours × exposure/equity over the 72 h: [0,6) 0; [6,12) 6 × 0.5; [12,24) 12 × 500/1100; [24,36) 12 × 500/990;
    // [36,54) 0; [54,66) 12 × 1000/1045; [66,72) 6 × 1000/1097.25
    const weighted = 3 + (12 * 500) / 1100 + (12 * 500) / 990 + (12 * 1000) / 1045 + (6 * 1000) / 1097.25;
    expect(stats.averageExposurePercent).toBeCloseTo((weighted / 72) * 100, 9); // ≈ 43.21
    expect(stats.maxExposure).toBe(1000);
    expect(stats.maxOpenPositions).toBe(2);
  });

  it("echoes the period and is plain JSON with a reason for every null", () => {
    expect(stats.periodStart).toBe(T0);
    expect(stats.periodEnd).toBe(T0 + 3 * DAY);
    expect(stats.periodsPerYear).toBe(365);
    expect(stats.unavailable).toEqual({});
    expectConsistentNulls(stats);
  });

  it("periodsPerYear scales Sharpe and Sortino by √periodsPerYear, not the CAGR", () => {
    const weekdays = computeCapitalStatistics(FIXTURE_A, { ...OPTIONS_A, periodsPerYear: 252 });
    expect(weekdays.sharpeRatio).toBeCloseTo((stats.sharpeRatio! / SQRT_365) * Math.sqrt(252), 9);
    expect(weekdays.sortinoRatio).toBeCloseTo((stats.sortinoRatio! / SQRT_365) * Math.sqrt(252), 9);
    expect(weekdays.cagrPercent).toBe(stats.cagrPercent);
  });
});

describe("computeCapitalStatistics: edge cases", () => {
  it("no samples: the capital sat in cash", () => {
    const stats = computeCapitalStatistics([], {
      initialCapital: 500,
      periodStart: T0,
      periodEnd: T0 + 7 * DAY,
    });
    expect(stats.finalEquity).toBe(500);
    expect(stats.netProfit).toBe(0);
    expect(stats.totalReturnPercent).toBe(0);
    expect(stats.cagrPercent).toBe(0); // 1^(365/7) − 1
    expect(stats.maxDrawdownPercent).toBe(0);
    expect(stats.maxDrawdownDurationMinutes).toBe(0);
    expect(stats.dailyReturnCount).toBe(7);
    expect(stats.averageExposurePercent).toBe(0);
    expect(stats.maxExposure).toBe(0);
    expect(stats.maxOpenPositions).toBe(0);
    expect(stats.sharpeRatio).toBeNull();
    expect(stats.unavailable.sharpeRatio).toBe("zero variance of daily returns");
    expect(stats.unavailable.sortinoRatio).toBe("no losing days (downside deviation is 0)");
    expect(stats.unavailable.calmarRatio).toBe("no drawdown (maxDrawdownPercent is 0)");
    expectConsistentNulls(stats);
  });

  it("one day: no ratios from a single daily return", () => {
    const stats = computeCapitalStatistics(
      [sample(T0 + 2 * HOUR, 1010, 300), sample(T0 + 3 * HOUR, 990, 300)],
      {
        initialCapital: 1000,
        periodStart: T0 + HOUR,
        periodEnd: T0 + 5 * HOUR,
      },
    );
    expect(stats.dailyReturnCount).toBe(1);
    expect(stats.unavailable.sharpeRatio).toBe("needs at least 2 daily returns, got 1");
    expect(stats.unavailable.sortinoRatio).toBe("needs at least 2 daily returns, got 1");
    // 1010 → 990 is a fall of 20 from the peak, 20/1010 = 1.98%, from 03:00 to periodEnd 05:00.
    expect(stats.maxDrawdownPercent).toBeCloseTo((20 / 1010) * 100, 9);
    expect(stats.maxDrawdownDurationMinutes).toBe(120);
    // 4 h: [1,2) 0; [2,3) 300/1010; [3,5) 2 × 300/990
    expect(stats.averageExposurePercent).toBeCloseTo(((300 / 1010 + (2 * 300) / 990) / 4) * 100, 9);
    // 4 hours is 1/6 of a day: (0.99^(365 × 6) − 1) × 100, defined, no minimum period
    expectRelativelyClose(stats.cagrPercent, (0.99 ** (365 * 6) - 1) * 100);
    expectConsistentNulls(stats);
  });

  it("a period not starting at midnight: the first day is the part from periodStart", () => {
    // [day 0 18:00, day 1 06:00]: two calendar days. Day 0 closes at 1010, day 1 at 1020.
    const stats = computeCapitalStatistics(
      [sample(T0 + 20 * HOUR, 1010), sample(T0 + DAY + 2 * HOUR, 1020)],
      {
        initialCapital: 1000,
        periodStart: T0 + 18 * HOUR,
        periodEnd: T0 + DAY + 6 * HOUR,
      },
    );
    expect(stats.dailyReturnCount).toBe(2);
    const d0 = 0.01; // 1010 / 1000 − 1
    const d1 = 1020 / 1010 - 1; // ≈ 0.0099
    const mean = (d0 + d1) / 2;
    const sd = Math.abs(d0 - d1) / Math.SQRT2; // two values: √(2 × ((d0 − d1)/2)² / 1)
    expect(stats.sharpeRatio).toBeCloseTo((mean / sd) * SQRT_365, 6);
    expect(stats.unavailable.sortinoRatio).toBe("no losing days (downside deviation is 0)");
    expect(stats.unavailable.calmarRatio).toBe("no drawdown (maxDrawdownPercent is 0)");
    expectRelativelyClose(stats.cagrPercent, (1.02 ** (365 * 2) - 1) * 100); // half a day
    expectConsistentNulls(stats);
  });

  it("a period ending exactly at midnight gets no extra day; a sample at periodEnd counts on the last day", () => {
    const stats = computeCapitalStatistics([sample(T0 + DAY, 1100), sample(T0 + 2 * DAY, 1210)], {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + 2 * DAY,
    });
    // Day 0 closes at 1000 (the 1100 at midnight opens day 1); day 1 (last) closes at 1210, the sample at periodEnd.
    expect(stats.dailyReturnCount).toBe(2);
    expect(stats.finalEquity).toBe(1210);
    // returns 0 and 0.21: mean 0.105, sd = 0.21 / √2
    expect(stats.sharpeRatio).toBeCloseTo((0.105 / (0.21 / Math.SQRT2)) * SQRT_365, 9);
  });

  it("zero variance: the same daily return every day", () => {
    // +1% a day, marked at 01:00: day k closes at 1000 × 1.01^(k+1), so each return is 0.01 up to rounding.
    const samples = [0, 1, 2, 3, 4].map((k) => sample(T0 + k * DAY + HOUR, 1000 * 1.01 ** (k + 1)));
    const stats = computeCapitalStatistics(samples, {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + 5 * DAY,
    });
    expect(stats.sharpeRatio).toBeNull();
    expect(stats.unavailable.sharpeRatio).toBe("zero variance of daily returns");
    expectRelativelyClose(stats.cagrPercent, (1.01 ** 365 - 1) * 100); // 5 days at 1.01^5: 1.01^(5 × 365/5)
    expectConsistentNulls(stats);
  });

  it("equity to 0: −100% that day, 0 afterwards; CAGR −100; exposure leaves out the wiped-out span", () => {
    const samples = [
      sample(T0 + 12 * HOUR, 500, 500, 1, 0), // position halved
      sample(T0 + DAY + 12 * HOUR, 0, 500, 1, 0), // worthless
      sample(T0 + 2 * DAY + 12 * HOUR, 0, 0, 0, 0), // closed at 0
    ];
    const stats = computeCapitalStatistics(samples, {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + 4 * DAY,
    });
    // d = 500/1000 − 1 = −0.5; 0/500 − 1 = −1; opens at 0 → 0; 0. mean = −1.5 / 4 = −0.375
    // deviations −0.125, −0.625, 0.375, 0.375; squares sum 0.015625 + 0.390625 + 2 × 0.140625 = 0.6875; / 3
    expect(stats.sharpeRatio).toBeCloseTo((-0.375 / Math.sqrt(0.6875 / 3)) * SQRT_365, 9);
    // downside: (0.25 + 1) / 4 = 0.3125
    expect(stats.sortinoRatio).toBeCloseTo((-0.375 / Math.sqrt(0.3125)) * SQRT_365, 9);
    expect(stats.cagrPercent).toBe(-100);
    expect(stats.maxDrawdownPercent).toBe(100);
    expect(stats.maxDrawdown).toBe(1000);
    expect(stats.calmarRatio).toBe(-1); // −100 / 100
    expect(stats.maxDrawdownDurationMinutes).toBe((4 * 24 - 12) * 60); // from 12:00 on day 0 to periodEnd
    // Equity > 0 on [0, 36 h): [0,12) ratio 0, [12,36) 500/500 = 1. Weight 36 h, integral 24 h → 66.67%.
    expect(stats.averageExposurePercent).toBeCloseTo((24 / 36) * 100, 9);
    expectConsistentNulls(stats);
  });

  it("equity below 0 (a short beyond the account): the drawdown exceeds 100%, the returns stop at −100%", () => {
    const stats = computeCapitalStatistics([sample(T0 + HOUR, -100, 0, 0)], {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + 2 * DAY,
    });
    expect(stats.maxDrawdownPercent).toBeCloseTo(110, 9); // 1100 below the 1000 peak
    expect(stats.totalReturnPercent).toBeCloseTo(-110, 9);
    expect(stats.cagrPercent).toBe(-100);
    // d = max(−100, 0)/1000 − 1 = −1, then 0 (opens below 0)
    expect(stats.sharpeRatio).toBeCloseTo((-0.5 / (1 / Math.SQRT2)) * SQRT_365, 9);
    expect(stats.unavailable.averageExposurePercent).toBeUndefined(); // equity > 0 during the first hour
    expectConsistentNulls(stats);
  });

  it("several samples at one timestamp: each is a point of the drawdown, the last one is the state", () => {
    const t = T0 + 6 * HOUR;
    const stats = computeCapitalStatistics([sample(t, 900, 100), sample(t, 1000, 0)], {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + DAY,
    });
    expect(stats.maxDrawdownPercent).toBeCloseTo(10, 9);
    expect(stats.maxDrawdownDurationMinutes).toBe(0); // back at the peak at the same instant
    expect(stats.finalEquity).toBe(1000);
    expect(stats.averageExposurePercent).toBe(0); // the 900 sample held for no time
    expect(stats.maxExposure).toBe(100);
  });

  it("a recovered drawdown ends at the first sample back at the peak; the longest spell wins", () => {
    const samples = [
      sample(T0 + 1 * HOUR, 950), // under from 01:00
      sample(T0 + 3 * HOUR, 1000), // back at the 1000 peak: 120 minutes
      sample(T0 + 4 * HOUR, 1200), // new peak
      sample(T0 + 5 * HOUR, 1100), // under from 05:00, a deeper fall in quote (100) but shallower in % (8.33)
      sample(T0 + 6 * HOUR, 1250), // recovered: 60 minutes
    ];
    const stats = computeCapitalStatistics(samples, {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + DAY,
    });
    expect(stats.maxDrawdownDurationMinutes).toBe(120);
    expect(stats.maxDrawdownPercent).toBeCloseTo(8 + 1 / 3, 9); // 100 / 1200, above 50 / 1000 = 5%
    expect(stats.maxDrawdown).toBe(100); // each maximum on its own
  });

  it("a zero-length period", () => {
    const stats = computeCapitalStatistics([sample(T0, 1000)], {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0,
    });
    expect(stats.dailyReturnCount).toBe(1);
    expect(stats.unavailable.cagrPercent).toBe("the period has zero length");
    expect(stats.unavailable.calmarRatio).toBe("cagrPercent is unavailable (the period has zero length)");
    expect(stats.unavailable.averageExposurePercent).toBe("the period has zero length");
    expectConsistentNulls(stats);
  });

  it("a CAGR too large for a double is null with a reason", () => {
    const stats = computeCapitalStatistics([sample(T0 + MINUTE, 2000)], {
      initialCapital: 1000,
      periodStart: T0,
      periodEnd: T0 + MINUTE,
    });
    expect(stats.cagrPercent).toBeNull(); // 2^(365 × 1440) overflows
    expect(stats.unavailable.cagrPercent).toMatch(/too large to represent/);
    expectConsistentNulls(stats);
  });
});

describe("computeCapitalStatistics: validation", () => {
  const options = { initialCapital: 1000, periodStart: T0, periodEnd: T0 + DAY };
  const cases: [string, EquitySample[], object, string][] = [
    ["out of order", [sample(T0 + 2 * HOUR, 1), sample(T0 + HOUR, 1)], options, "samples[1].timestamp"],
    ["before the period", [sample(T0 - 1, 1)], options, "samples[0].timestamp"],
    ["after the period", [sample(T0 + DAY + 1, 1)], options, "samples[0].timestamp"],
    ["NaN equity", [sample(T0, Number.NaN)], options, "samples[0].equity"],
    ["negative exposure", [sample(T0, 1000, -1)], options, "samples[0].exposure"],
    ["fractional positions", [sample(T0, 1000, 10, 1.5)], options, "samples[0].openPositions"],
    ["zero capital", [], { ...options, initialCapital: 0 }, "initialCapital"],
    ["end before start", [], { ...options, periodEnd: T0 - 1 }, "periodEnd"],
    ["misspelt option", [], { ...options, periodsPerYaer: 252 }, "periodsPerYaer"],
    ["missing period", [], { initialCapital: 1000 }, "periodStart"],
  ];
  it.each(cases)("%s throws InvalidArgumentError naming the field", (_name, samples, badOptions, field) => {
    let thrown: unknown;
    try {
      computeCapitalStatistics(samples, badOptions as typeof options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect(CandlewickError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidArgumentError).field).toBe(field);
  });
});

describe("computeCapitalStatistics: against independent implementations", () => {
  it.each([1, 2, 3])("matches a naive minute-by-minute replay on a simulated portfolio (seed %i)", (seed) => {
    // 9 days and a bit, starting at 13:37 and ending at 04:11: partial first and last days.
    const start = T0 + 13 * HOUR + 37 * MINUTE;
    const curve = simulatePortfolio(seed, start, 9 * 1440 + 14 * 60 + 34);
    const options = {
      initialCapital: curve.initialCapital,
      periodStart: curve.periodStart,
      periodEnd: curve.periodEnd,
    };
    const stats = computeCapitalStatistics(curve.samples, options);
    const reference = referenceCapitalStatistics(curve.samples, options);
    expect(curve.samples.length).toBeGreaterThan(5000);
    expect(stats.dailyReturnCount).toBe(11);
    for (const [key, expected] of Object.entries(reference)) {
      expectRelativelyClose((stats as unknown as Record<string, number>)[key]!, expected!, 1e-9);
    }
    expect(stats.maxDrawdownDurationMinutes).toBeGreaterThan(0);
    expect(stats.maxOpenPositions).toBeGreaterThan(1);
  });

  it("equals the trade statistics' daily ratios when all of the capital goes into one trade at a time", () => {
    // Sequential trades, each with the whole account; the curve marked only at closes is then the compounded
    // curve of computeStatistics, so the daily returns, Sharpe, Sortino and CAGR must agree.
    const random = seededRandom(7);
    const trades = [];
    const samples: EquitySample[] = [];
    let equity = 1000;
    let time = T0 + 5 * HOUR;
    for (let i = 0; i < 60; i++) {
      const open = time + Math.floor(random() * 600) * MINUTE;
      const close = open + (1 + Math.floor(random() * 2000)) * MINUTE;
      const pnl = (random() - 0.45) * 6;
      trades.push(closedTrade({ open, close, pnl }));
      equity *= 1 + pnl / 100;
      samples.push(sample(close, equity));
      time = close;
    }
    const period = { periodStart: T0, periodEnd: time + 7 * HOUR };
    const capital = computeCapitalStatistics(samples, { initialCapital: 1000, ...period });
    const perTrade = computeStatistics(trades, period);
    expectRelativelyClose(capital.sharpeRatio, perTrade.annualizedSharpeRatio!);
    expectRelativelyClose(capital.sortinoRatio, perTrade.sortinoRatio!);
    expectRelativelyClose(capital.cagrPercent, perTrade.expectedYearlyReturns!);
    expectRelativelyClose(capital.totalReturnPercent, perTrade.compoundedReturn!);
  });

  it("does not depend on the sampling grid: a curve sampled each minute equals the same curve sampled on change", () => {
    const curve = simulatePortfolio(11, T0 + 7 * HOUR, 3 * 1440);
    const onChange = curve.samples.filter(
      (s, i) =>
        i === 0 || s.equity !== curve.samples[i - 1]!.equity || s.exposure !== curve.samples[i - 1]!.exposure,
    );
    const options = {
      initialCapital: curve.initialCapital,
      periodStart: curve.periodStart,
      periodEnd: curve.periodEnd,
    };
    const all = computeCapitalStatistics(curve.samples, options);
    const sparse = computeCapitalStatistics(onChange, options);
    expect(sparse.sharpeRatio).toBe(all.sharpeRatio);
    expect(sparse.maxDrawdownPercent).toBe(all.maxDrawdownPercent);
    expect(sparse.averageExposurePercent).toBeCloseTo(all.averageExposurePercent!, 9);
  });
});
