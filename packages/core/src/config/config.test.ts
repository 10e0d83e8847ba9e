import {
  type CandlewickConfig,
  DEFAULT_CONFIG,
  getConfig,
  getDefaultConfig,
  InvalidArgumentError,
  resetConfig,
  setConfig,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";

afterEach(() => {
  resetConfig();
});

describe("config defaults", () => {
  it("are the documented values (ARCHITECTURE §5 and the CandlewickConfig docs)", () => {
    expect(getConfig()).toEqual({
      percentFee: 0.1,
      percentSlippage: 0.1,
      fillModel: "candle",
      vwapCandles: 5,
      scheduleAwaitMinutes: 120,
      defaultSignalLifetimeMinutes: 1440,
      maxSignalLifetimeMinutes: 1440,
      minTakeProfitDistancePercent: 0.5,
      minStopLossDistancePercent: 0.5,
      maxStopLossDistancePercent: 20,
      marketableLimitPrice: "market",
      intervalGate: "boundary",
      frameEndInclusive: false,
      closeAtFrameEnd: false,
      getSignalTimeoutMs: 30_000,
      getCandlesTimeoutMs: 60_000,
      sizing: { kind: "fixed-cost", cost: 100 },
      initialCapital: 10_000,
      allowMargin: false,
      formatSignalPrices: true,
    });
    expect(getDefaultConfig()).toBe(DEFAULT_CONFIG);
    expect(Object.isFrozen(getConfig().sizing)).toBe(true);
    expect(Object.isFrozen(getConfig())).toBe(true);
  });
});

describe("setConfig", () => {
  it("merges a valid patch and returns the new frozen config", () => {
    const next = setConfig({ percentFee: 0.2, fillModel: "vwap" });
    expect(next).toEqual({ ...DEFAULT_CONFIG, percentFee: 0.2, fillModel: "vwap" });
    expect(getConfig()).toBe(next);
    expect(Object.isFrozen(next)).toBe(true);
    setConfig({ vwapCandles: 10 });
    expect(getConfig()).toEqual({ ...DEFAULT_CONFIG, percentFee: 0.2, fillModel: "vwap", vwapCandles: 10 });
    expect(resetConfig()).toBe(DEFAULT_CONFIG);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["a negative fee", { percentFee: -1 }, "percentFee"],
    ["a fee over 100%", { percentFee: 101 }, "percentFee"],
    ["a NaN slippage", { percentSlippage: Number.NaN }, "percentSlippage"],
    ["a string fee", { percentFee: "0.1" }, "percentFee"],
    ["an unknown fill model", { fillModel: "mid" }, "fillModel"],
    ["zero VWAP candles", { vwapCandles: 0 }, "vwapCandles"],
    ["fractional VWAP candles", { vwapCandles: 1.5 }, "vwapCandles"],
    ["a zero wait", { scheduleAwaitMinutes: 0 }, "scheduleAwaitMinutes"],
    ["a zero getSignal timeout", { getSignalTimeoutMs: 0 }, "getSignalTimeoutMs"],
    ["a fractional getCandles timeout", { getCandlesTimeoutMs: 1.5 }, "getCandlesTimeoutMs"],
    [
      "a getCandles timeout beyond setTimeout's range",
      { getCandlesTimeoutMs: 2 ** 31 },
      "getCandlesTimeoutMs",
    ],
    [
      "a default lifetime above the maximum",
      { defaultSignalLifetimeMinutes: 2000 },
      "defaultSignalLifetimeMinutes",
    ],
    [
      "a maximum lifetime below the default",
      { maxSignalLifetimeMinutes: 60 },
      "defaultSignalLifetimeMinutes",
    ],
    [
      "a minimum stop distance not below the maximum",
      { minStopLossDistancePercent: 20 },
      "minStopLossDistancePercent",
    ],
    ["an unknown sizing kind", { sizing: { kind: "kelly", fraction: 0.1 } }, "sizing.kind"],
    ["a sizing that is not an object", { sizing: 100 }, "sizing"],
    ["a zero fixed cost", { sizing: { kind: "fixed-cost", cost: 0 } }, "sizing.cost"],
    ["an infinite fixed cost", { sizing: { kind: "fixed-cost", cost: Infinity } }, "sizing.cost"],
    [
      "an equity fraction above 100",
      { sizing: { kind: "equity-fraction", fraction: 150 } },
      "sizing.fraction",
    ],
    ["a percent given as a risk fraction", { sizing: { kind: "risk", fraction: 2 } }, "sizing.fraction"],
    ["a zero risk fraction", { sizing: { kind: "risk", fraction: 0 } }, "sizing.fraction"],
    ["a misspelt sizing field", { sizing: { kind: "fixed-cost", cost: 50, amount: 50 } }, "sizing.amount"],
    ["a zero initial capital", { initialCapital: 0 }, "initialCapital"],
    ["a negative initial capital", { initialCapital: -5 }, "initialCapital"],
    ["a NaN initial capital", { initialCapital: Number.NaN }, "initialCapital"],
    ["a string margin flag", { allowMargin: "yes" }, "allowMargin"],
  ];

  it.each(bad)("rejects %s, naming the key, and changes nothing", (_name, patch, field) => {
    setConfig({ percentFee: 0.3 });
    const before = getConfig();
    let error: unknown;
    try {
      setConfig(patch as Partial<CandlewickConfig>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message.startsWith(`[setConfig] "${field}" is `)).toBe(true);
    expect(getConfig()).toBe(before);
    expect(getConfig().percentFee).toBe(0.3);
  });

  it("spells out cross-key rules", () => {
    expect(() => setConfig({ defaultSignalLifetimeMinutes: 2000 })).toThrow(
      '[setConfig] "defaultSignalLifetimeMinutes" is 2000; expected at most maxSignalLifetimeMinutes (1440)',
    );
    expect(() => setConfig({ minStopLossDistancePercent: 30 })).toThrow(
      '[setConfig] "minStopLossDistancePercent" is 30; expected less than maxStopLossDistancePercent (20)',
    );
    // raising both together is fine
    expect(
      setConfig({ defaultSignalLifetimeMinutes: 2000, maxSignalLifetimeMinutes: 3000 })
        .maxSignalLifetimeMinutes,
    ).toBe(3000);
  });

  it("rejects an unknown (misspelt) key, names it, and changes nothing — even next to a valid key", () => {
    const before = getConfig();
    let error: unknown;
    try {
      setConfig({ percentFee: 0.2, precentSlippage: 0.2 } as Partial<CandlewickConfig>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain("precentSlippage");
    expect(getConfig()).toBe(before);
    expect(getConfig().percentFee).toBe(0.1);
  });
});

describe("setConfig: sizing, initialCapital and allowMargin", () => {
  it("accepts each sizing kind, a capital and the margin flag, and freezes the sizing it keeps", () => {
    const sizing = { kind: "equity-fraction" as const, fraction: 0.25 };
    const next = setConfig({ sizing, initialCapital: 2_500.5, allowMargin: true });
    expect(next).toEqual({
      ...DEFAULT_CONFIG,
      sizing: { kind: "equity-fraction", fraction: 0.25 },
      initialCapital: 2_500.5,
      allowMargin: true,
    });
    expect(Object.isFrozen(next.sizing)).toBe(true);
    sizing.fraction = 0.9; // the caller's object is not the config's
    expect(getConfig().sizing).toEqual({ kind: "equity-fraction", fraction: 0.25 });
    expect(setConfig({ sizing: { kind: "risk", fraction: 1 } }).sizing).toEqual({
      kind: "risk",
      fraction: 1,
    });
    expect(setConfig({ sizing: { kind: "fixed-cost", cost: 0.01 } }).sizing).toEqual({
      kind: "fixed-cost",
      cost: 0.01,
    });
  });

  it("says what a sizing must look like", () => {
    expect(() => setConfig({ sizing: { kind: "kelly" } } as never)).toThrow(
      '[setConfig] "sizing.kind" is "kelly"; expected { kind: "fixed-cost", cost }, { kind: "equity-fraction", fraction } or { kind: "risk", fraction }',
    );
    expect(() => setConfig({ sizing: { kind: "risk", fraction: 2 } })).toThrow(
      '[setConfig] "sizing.fraction" is 2; expected a fraction of equity in (0, 1], e.g. 0.01 to lose 1% at the stop',
    );
    expect(() => setConfig({ sizing: { kind: "equity-fraction", fraction: 150 } })).toThrow(
      '[setConfig] "sizing.fraction" is 150; expected a fraction of equity in (0, 100], e.g. 0.25 for a quarter (above 1 needs allowMargin)',
    );
    expect(setConfig({ sizing: { kind: "equity-fraction", fraction: 3 } }).sizing).toEqual({
      kind: "equity-fraction",
      fraction: 3,
    });
    expect(() => setConfig({ sizing: { kind: "fixed-cost", cost: 50, amount: 50 } } as never)).toThrow(
      '[setConfig] "sizing.amount" is 50; expected no such option (misspelt?)',
    );
    expect(() => setConfig({ initialCapital: 0 })).toThrow(
      '[setConfig] "initialCapital" is 0; expected a positive finite amount of quote currency',
    );
  });
});

describe("setConfig with several bad keys (issue 9 item 13)", () => {
  it("names every bad key in one error, in the message and in details, and changes nothing", () => {
    const before = getConfig();
    let error: unknown;
    try {
      setConfig({ percentFee: -1, vwapCandles: 0, precentSlippage: 0.2 } as Partial<CandlewickConfig>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const message = (error as Error).message;
    expect(message.startsWith("[setConfig] 3 bad keys: ")).toBe(true);
    expect(message).toContain('"percentFee" is -1; expected ');
    expect(message).toContain('"vwapCandles" is 0; expected ');
    expect(message).toContain('"precentSlippage" is 0.2; expected no such option (misspelt?)');
    const details = (error as InvalidArgumentError).details as {
      problems: { field: string; value: unknown }[];
    };
    expect(details.problems.map((problem) => problem.field).sort()).toEqual([
      "percentFee",
      "precentSlippage",
      "vwapCandles",
    ]);
    expect(details.problems.find((problem) => problem.field === "vwapCandles")?.value).toBe(0);
    expect(getConfig()).toBe(before);
  });

  it("names both cross-key rules when both are broken", () => {
    expect(() => setConfig({ defaultSignalLifetimeMinutes: 2000, minStopLossDistancePercent: 30 })).toThrow(
      '[setConfig] 2 bad keys: "defaultSignalLifetimeMinutes" is 2000; expected at most maxSignalLifetimeMinutes (1440); "minStopLossDistancePercent" is 30; expected less than maxStopLossDistancePercent (20)',
    );
  });
});
