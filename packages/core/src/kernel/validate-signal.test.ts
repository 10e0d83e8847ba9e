import { describe, expect, it } from "vitest";
import { type CandlewickConfig, DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { SignalValidationError } from "../errors/signal-validation-error.js";
import { validateSignal } from "./validate-signal.js";

const PRICE = 100;
const PREFIX = '[core] strategy "strat" on BTCUSDT: signal rejected: ';

function validate(dto: unknown, config: CandlewickConfig = DEFAULT_CONFIG, price = PRICE) {
  return validateSignal(dto, price, config, "strat", "BTCUSDT");
}

/** The SignalValidationError thrown by validating `dto`. */
function rejection(
  dto: unknown,
  config: CandlewickConfig = DEFAULT_CONFIG,
  price = PRICE,
): SignalValidationError {
  try {
    validate(dto, config, price);
  } catch (error) {
    expect(error).toBeInstanceOf(SignalValidationError);
    return error as SignalValidationError;
  }
  throw new Error(`expected ${JSON.stringify(dto)} to be rejected`);
}

function expectRejected(
  dto: unknown,
  field: string,
  reason: string,
  config?: CandlewickConfig,
  price?: number,
): void {
  const error = rejection(dto, config, price);
  expect(error.field).toBe(field);
  expect(error.message).toBe(PREFIX + reason);
  expect(error.code).toBe("INVALID_SIGNAL");
  expect(error.strategyName).toBe("strat");
  expect(error.symbol).toBe("BTCUSDT");
}

const long = { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 60 } as const;
const short = {
  position: "short",
  priceTakeProfit: 98,
  priceStopLoss: 102,
  minuteEstimatedTime: 60,
} as const;

describe("validateSignal: accepted signals", () => {
  it("a market long opens now at the current price", () => {
    expect(validate(long)).toEqual({
      position: "long",
      priceTakeProfit: 102,
      priceStopLoss: 98,
      minuteEstimatedTime: 60,
      priceOpen: 100,
      scheduled: false,
      note: undefined,
      id: undefined,
    });
  });

  it("a limit long below the market is scheduled at its priceOpen", () => {
    const valid = validate({
      ...long,
      priceOpen: 99,
      priceTakeProfit: 101,
      priceStopLoss: 97,
      note: "dip",
      id: "my-id",
    });
    expect(valid.scheduled).toBe(true);
    expect(valid.priceOpen).toBe(99);
    expect(valid.note).toBe("dip");
    expect(valid.id).toBe("my-id");
  });

  it("a limit long at or above the market is marketable: it opens now at the current price", () => {
    const valid = validate({ ...long, priceOpen: 101, priceTakeProfit: 103 });
    expect(valid.scheduled).toBe(false);
    expect(valid.priceOpen).toBe(100);
    expect(validate({ ...long, priceOpen: 100 }).scheduled).toBe(false);
  });

  it("a limit short above the market is scheduled; at or below it is marketable", () => {
    const scheduled = validate({ ...short, priceOpen: 101, priceTakeProfit: 99, priceStopLoss: 103 });
    expect(scheduled.scheduled).toBe(true);
    expect(scheduled.priceOpen).toBe(101);
    const marketable = validate({ ...short, priceOpen: 99 });
    expect(marketable.scheduled).toBe(false);
    expect(marketable.priceOpen).toBe(100);
  });

  it("a missing lifetime takes defaultSignalLifetimeMinutes (1440)", () => {
    const { minuteEstimatedTime: _omit, ...withoutLifetime } = long;
    expect(validate(withoutLifetime).minuteEstimatedTime).toBe(1440);
  });

  it("accepts a take-profit and a stop-loss exactly at the minimum distances (0.5%)", () => {
    // (100.5 − 100)/100·100 = 0.5 and (100 − 99.5)/100·100 = 0.5: not below the 0.5% minimum
    expect(validate({ ...long, priceTakeProfit: 100.5, priceStopLoss: 99.5 }).priceOpen).toBe(100);
  });

  it("accepts a stop-loss exactly at the maximum distance (20%)", () => {
    expect(validate({ ...long, priceStopLoss: 80 }).priceStopLoss).toBe(80);
  });

  it("accepts the longest allowed lifetime (maxSignalLifetimeMinutes = 1440)", () => {
    expect(validate({ ...long, minuteEstimatedTime: 1440 }).minuteEstimatedTime).toBe(1440);
  });
});

describe("validateSignal: shape", () => {
  it("rejects a non-object", () => {
    expectRejected(5, "signal", "getSignal returned 5; expected a signal object or null");
    expectRejected("long", "signal", 'getSignal returned "long"; expected a signal object or null');
    expectRejected([], "signal", "getSignal returned an array of 0; expected a signal object or null");
  });

  it("rejects a bad or missing position", () => {
    expectRejected({ ...long, position: "up" }, "position", '"position" is "up"; expected "long" or "short"');
    const { position: _omit, ...noPosition } = long;
    expectRejected(noPosition, "position", '"position" is missing; expected "long" or "short"');
  });

  it.each([
    ["NaN", Number.NaN, "NaN"],
    ["Infinity", Number.POSITIVE_INFINITY, "Infinity"],
    ["zero", 0, "0"],
    ["negative", -101, "-101"],
    ["a string", "101", '"101"'],
    ["missing", undefined, "missing"],
  ])("rejects a take-profit that is %s", (_name, value, shown) => {
    expectRejected(
      { ...long, priceTakeProfit: value },
      "priceTakeProfit",
      `"priceTakeProfit" is ${shown}; expected a finite price > 0`,
    );
  });

  it.each([
    ["NaN", Number.NaN, "NaN"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "-Infinity"],
    ["zero", 0, "0"],
    ["negative", -98, "-98"],
    ["missing", undefined, "missing"],
  ])("rejects a stop-loss that is %s", (_name, value, shown) => {
    expectRejected(
      { ...long, priceStopLoss: value },
      "priceStopLoss",
      `"priceStopLoss" is ${shown}; expected a finite price > 0`,
    );
  });

  it.each([
    ["NaN", Number.NaN, "NaN"],
    ["zero", 0, "0"],
    ["negative", -1, "-1"],
    ["null", null, "null"],
  ])("rejects a priceOpen that is %s", (_name, value, shown) => {
    expectRejected(
      { ...long, priceOpen: value },
      "priceOpen",
      `"priceOpen" is ${shown}; expected a finite price > 0`,
    );
  });

  it.each([
    ["fractional", 1.5, "1.5"],
    ["zero", 0, "0"],
    ["negative", -5, "-5"],
    ["a string", "60", '"60"'],
    ["NaN", Number.NaN, "NaN"],
  ])("rejects a lifetime that is %s", (_name, value, shown) => {
    expectRejected(
      { ...long, minuteEstimatedTime: value },
      "minuteEstimatedTime",
      `"minuteEstimatedTime" is ${shown}; expected a whole number of minutes > 0`,
    );
  });

  it("rejects a lifetime longer than maxSignalLifetimeMinutes", () => {
    expectRejected(
      { ...long, minuteEstimatedTime: 1441 },
      "minuteEstimatedTime",
      '"minuteEstimatedTime" is 1441; expected at most maxSignalLifetimeMinutes (1440)',
    );
    expectRejected(
      { ...long, minuteEstimatedTime: 61 },
      "minuteEstimatedTime",
      '"minuteEstimatedTime" is 61; expected at most maxSignalLifetimeMinutes (60)',
      { ...DEFAULT_CONFIG, maxSignalLifetimeMinutes: 60, defaultSignalLifetimeMinutes: 60 },
    );
  });

  it("rejects a note that is not a string", () => {
    expectRejected({ ...long, note: 5 }, "note", '"note" is 5; expected a string');
  });

  it("rejects an empty or non-string id", () => {
    expectRejected({ ...long, id: "" }, "id", '"id" is ""; expected a non-empty string');
    expectRejected({ ...long, id: 7 }, "id", '"id" is 7; expected a non-empty string');
  });
});

describe("validateSignal: levels against the entry", () => {
  it("long: take-profit must be above the entry", () => {
    expectRejected(
      { ...long, priceTakeProfit: 99 },
      "priceTakeProfit",
      "long: priceTakeProfit (99) must be above the current price (100)",
    );
    expectRejected(
      { ...long, priceTakeProfit: 100 },
      "priceTakeProfit",
      "long: priceTakeProfit (100) must be above the current price (100)",
    );
  });

  it("long: stop-loss must be below the entry", () => {
    expectRejected(
      { ...long, priceStopLoss: 100.5 },
      "priceStopLoss",
      "long: priceStopLoss (100.5) must be below the current price (100)",
    );
  });

  it("short: take-profit must be below the entry", () => {
    expectRejected(
      { ...short, priceTakeProfit: 101 },
      "priceTakeProfit",
      "short: priceTakeProfit (101) must be below the current price (100)",
    );
  });

  it("short: stop-loss must be above the entry", () => {
    expectRejected(
      { ...short, priceStopLoss: 99.5 },
      "priceStopLoss",
      "short: priceStopLoss (99.5) must be above the current price (100)",
    );
  });

  it("a scheduled entry is checked against its priceOpen, not the market", () => {
    // entry 95 (below the market 100): TP 99 is above 95, SL 96 is above 95 → wrong side
    expectRejected(
      { ...long, priceOpen: 95, priceTakeProfit: 99, priceStopLoss: 96 },
      "priceStopLoss",
      "long: priceStopLoss (96) must be below the priceOpen (95)",
    );
    expectRejected(
      { ...short, priceOpen: 105, priceTakeProfit: 106, priceStopLoss: 110 },
      "priceTakeProfit",
      "short: priceTakeProfit (106) must be below the priceOpen (105)",
    );
  });
});

describe("validateSignal: distances", () => {
  it("rejects a take-profit closer than minTakeProfitDistancePercent (0.5%)", () => {
    // (100.4 − 100)/100·100 = 0.4% < max(0.5, 2·(0.1 + 0.1) = 0.4) = 0.5%
    expectRejected(
      { ...long, priceTakeProfit: 100.4 },
      "priceTakeProfit",
      "priceTakeProfit (100.4) is 0.4% from the current price (100); expected at least 0.5% (it must cover fees and slippage)",
    );
    expectRejected(
      { ...short, priceTakeProfit: 99.6 },
      "priceTakeProfit",
      "priceTakeProfit (99.6) is 0.4% from the current price (100); expected at least 0.5% (it must cover fees and slippage)",
    );
  });

  it("rejects a take-profit closer than the round-trip cost when that is larger than the minimum", () => {
    // fee 0.3 + slippage 0.2 → round trip 2·0.5 = 1% > 0.5%: a 0.8% take-profit would lose money
    const costly = { ...DEFAULT_CONFIG, percentFee: 0.3, percentSlippage: 0.2 };
    expectRejected(
      { ...long, priceTakeProfit: 100.8 },
      "priceTakeProfit",
      "priceTakeProfit (100.8) is 0.8% from the current price (100); expected at least 1% (it must cover fees and slippage)",
      costly,
    );
    // exactly 1% is enough
    expect(validate({ ...long, priceTakeProfit: 101 }, costly).priceTakeProfit).toBe(101);
  });

  it("a minimum take-profit distance of 0 still requires the round-trip cost", () => {
    // max(0, 0.4) = 0.4%: 0.3% is rejected, 0.45% accepted
    const noMinimum = { ...DEFAULT_CONFIG, minTakeProfitDistancePercent: 0 };
    expectRejected(
      { ...long, priceTakeProfit: 100.3 },
      "priceTakeProfit",
      "priceTakeProfit (100.3) is 0.3% from the current price (100); expected at least 0.4% (it must cover fees and slippage)",
      noMinimum,
    );
    expect(validate({ ...long, priceTakeProfit: 100.45 }, noMinimum).priceTakeProfit).toBe(100.45);
  });

  it("measures distances from a scheduled entry's priceOpen", () => {
    // entry 200 (limit short above the market 100): TP 199.2 is 0.4% below 200
    expectRejected(
      { ...short, priceOpen: 200, priceTakeProfit: 199.2, priceStopLoss: 210 },
      "priceTakeProfit",
      "priceTakeProfit (199.2) is 0.4% from the priceOpen (200); expected at least 0.5% (it must cover fees and slippage)",
    );
  });

  it("rejects a stop-loss closer than minStopLossDistancePercent", () => {
    // (100 − 99.6)/100·100 = 0.4% < 0.5%
    expectRejected(
      { ...long, priceStopLoss: 99.6 },
      "priceStopLoss",
      "priceStopLoss (99.6) is 0.4% from the current price (100); expected at least 0.5%",
    );
    expectRejected(
      { ...short, priceStopLoss: 100.4 },
      "priceStopLoss",
      "priceStopLoss (100.4) is 0.4% from the current price (100); expected at least 0.5%",
    );
  });

  it("rejects a stop-loss farther than maxStopLossDistancePercent", () => {
    // (100 − 79)/100·100 = 21% > 20%
    expectRejected(
      { ...long, priceStopLoss: 79 },
      "priceStopLoss",
      "priceStopLoss (79) is 21% from the current price (100); expected at most 20%",
    );
    expectRejected(
      { ...short, priceStopLoss: 125 },
      "priceStopLoss",
      "priceStopLoss (125) is 25% from the current price (100); expected at most 20%",
    );
  });

  it("uses the configured stop-loss limits", () => {
    const tight = { ...DEFAULT_CONFIG, minStopLossDistancePercent: 1, maxStopLossDistancePercent: 3 };
    expectRejected(
      { ...long, priceStopLoss: 99.5 },
      "priceStopLoss",
      "priceStopLoss (99.5) is 0.5% from the current price (100); expected at least 1%",
      tight,
    );
    expectRejected(
      { ...long, priceStopLoss: 96 },
      "priceStopLoss",
      "priceStopLoss (96) is 4% from the current price (100); expected at most 3%",
      tight,
    );
    expect(validate({ ...long, priceStopLoss: 98 }, tight).priceStopLoss).toBe(98);
  });
});
