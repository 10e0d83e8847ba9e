import { describe, expect, it } from "vitest";
import type { RiskRejection } from "../spec/risk.js";
import { getRiskData } from "./get-risk-data.js";
import { RiskLog } from "./risk-log.js";

/** A rejection with every field set; `n` varies the numbers so that no two rows are alike. */
function rejection(n: number, patch: Partial<RiskRejection> = {}, symbol = "BTCUSDT"): RiskRejection {
  return {
    riskName: "r",
    rule: "maxConcurrentPositions",
    reason: "3 positions open or scheduled, maxConcurrentPositions is 3",
    candidate: {
      symbol,
      strategyName: "s",
      exchangeName: "x",
      position: n % 2 === 0 ? "long" : "short",
      priceOpen: 100 + n,
      priceTakeProfit: 110 + n,
      priceStopLoss: 95 + n / 3,
      quantity: 0.5 + n,
      cost: 50.25 + n,
      kind: n % 3 === 0 ? "average_buy" : "open",
    },
    timestamp: Date.UTC(2026, 3, 1) + n * 60_000,
    backtest: n % 5 !== 0,
    frameName: n % 5 === 0 ? "" : "week",
    activePositions: n % 7,
    ...patch,
  };
}

describe("RiskLog", () => {
  it("gives back every rejection exactly as recorded, past several growths of its columns", () => {
    const log = new RiskLog();
    const recorded = Array.from({ length: 1_000 }, (_, n) => rejection(n));
    for (const item of recorded) log.record(item);
    expect(log.length).toBe(1_000);
    const readBack = Array.from({ length: log.length }, (_, row) => log.at(row));
    expect(readBack).toEqual(recorded);
    // JSON-serialisable as it is
    expect(JSON.parse(JSON.stringify(readBack))).toEqual(recorded);
  });

  it("filters rows by risk and symbol, in recording order; an unknown name matches nothing", () => {
    const log = new RiskLog();
    log.record(rejection(0, { riskName: "a" }, "BTCUSDT"));
    log.record(rejection(1, { riskName: "b" }, "BTCUSDT"));
    log.record(rejection(2, { riskName: "a" }, "ETHUSDT"));
    log.record(rejection(3, { riskName: "a" }, "BTCUSDT"));
    expect(log.rows()).toEqual([0, 1, 2, 3]);
    expect(log.rows("a")).toEqual([0, 2, 3]);
    expect(log.rows("a", "BTCUSDT")).toEqual([0, 3]);
    expect(log.rows(undefined, "ETHUSDT")).toEqual([2]);
    expect(log.rows("nobody")).toEqual([]);
    expect(log.rows("a", "SOLUSDT")).toEqual([]);
  });
});

describe("RiskLog: the latest backtest of each (strategy, symbol)", () => {
  const backtest = (n: number, strategyName = "s", symbol = "BTCUSDT") =>
    rejection(n, { backtest: true, candidate: { ...rejection(n).candidate, strategyName, symbol } });
  const live = (n: number) => rejection(n, { backtest: false, frameName: "" });
  const timestamps = (log: RiskLog) => log.rows().map((row) => log.at(row).timestamp);
  const minute = (n: number) => Date.UTC(2026, 3, 1) + n * 60_000;

  it("a new run retires the pair's backtest rows only; other pairs and live rows stay", () => {
    const log = new RiskLog();
    log.startBacktest("s", "BTCUSDT", "run-a");
    log.record(backtest(1), "run-a");
    log.record(live(2));
    log.record(backtest(3, "s", "ETHUSDT"));
    log.record(backtest(4, "t"));
    log.record(backtest(5), "run-a");
    log.startBacktest("s", "BTCUSDT", "run-b");
    log.record(backtest(6), "run-b");
    expect(timestamps(log)).toEqual([minute(2), minute(3), minute(4), minute(6)]);
  });

  it("does not keep what an older run of the pair still records once a newer one started", () => {
    const log = new RiskLog();
    log.startBacktest("s", "BTCUSDT", "run-a");
    log.record(backtest(1), "run-a");
    log.startBacktest("s", "BTCUSDT", "run-b");
    log.record(backtest(2), "run-a");
    log.record(backtest(3), "run-b");
    log.record(backtest(4), "run-a");
    expect(timestamps(log)).toEqual([minute(3)]);
  });

  it("drops retired rows once they are half the log, keeping the others intact and in order", () => {
    const log = new RiskLog();
    const kept = [live(0), backtest(1, "s", "ETHUSDT"), live(2)];
    for (const item of kept) log.record(item);
    for (let run = 0; run < 50; run++) {
      log.startBacktest("s", "BTCUSDT", `run-${run}`);
      for (let n = 0; n < 100; n++) log.record(backtest(1_000 + n), `run-${run}`);
    }
    // At most: the 3 kept rows, the latest run's 100, and fewer retired rows than live ones.
    expect(log.length).toBeLessThanOrEqual(2 * 103);
    const rows = log.rows().map((row) => log.at(row));
    expect(rows).toEqual([...kept, ...Array.from({ length: 100 }, (_, n) => backtest(1_000 + n))]);
  });
});

describe("getRiskData", () => {
  // Five rejections, counted by hand:
  //   #  risk  rule            symbol   strategy  mode
  //   0  a     maxExposure     BTCUSDT  s1        backtest
  //   1  a     maxExposure     ETHUSDT  s2        backtest
  //   2  b     no-weekends     BTCUSDT  s1        live
  //   3  a     maxDailyLoss    BTCUSDT  s2        backtest
  //   4  a     maxExposure     BTCUSDT  s1        live
  const rows: [string, string, string, string, boolean][] = [
    ["a", "maxExposure", "BTCUSDT", "s1", true],
    ["a", "maxExposure", "ETHUSDT", "s2", true],
    ["b", "no-weekends", "BTCUSDT", "s1", false],
    ["a", "maxDailyLoss", "BTCUSDT", "s2", true],
    ["a", "maxExposure", "BTCUSDT", "s1", false],
  ];
  const recorded = rows.map(([riskName, rule, symbol, strategyName, backtest], n) => {
    const base = rejection(n, { riskName, rule, backtest }, symbol);
    return { ...base, candidate: { ...base.candidate, strategyName } };
  });
  const log = new RiskLog();
  for (const item of recorded) log.record(item);

  it("counts every risk: per risk, rule, symbol and strategy, most first, ties by name", () => {
    expect(getRiskData(log)).toEqual({
      riskName: null,
      symbol: null,
      totalRejections: 5,
      backtestRejections: 3,
      liveRejections: 2,
      byRisk: [
        { name: "a", count: 4 },
        { name: "b", count: 1 },
      ],
      byRule: [
        { name: "maxExposure", count: 3 },
        { name: "maxDailyLoss", count: 1 },
        { name: "no-weekends", count: 1 },
      ],
      bySymbol: [
        { name: "BTCUSDT", count: 4 },
        { name: "ETHUSDT", count: 1 },
      ],
      byStrategy: [
        { name: "s1", count: 3 },
        { name: "s2", count: 2 },
      ],
      rejections: recorded,
    });
  });

  it("narrows to one risk and one symbol", () => {
    const data = getRiskData(log, "a", "BTCUSDT");
    expect(data).toMatchObject({
      riskName: "a",
      symbol: "BTCUSDT",
      totalRejections: 3,
      backtestRejections: 2,
      liveRejections: 1,
      byRisk: [{ name: "a", count: 3 }],
      byRule: [
        { name: "maxExposure", count: 2 },
        { name: "maxDailyLoss", count: 1 },
      ],
      bySymbol: [{ name: "BTCUSDT", count: 3 }],
      byStrategy: [
        { name: "s1", count: 2 },
        { name: "s2", count: 1 },
      ],
    });
    expect(data.rejections).toEqual([recorded[0], recorded[3], recorded[4]]);
  });

  it("gives zero counts, not an error, for a risk that rejected nothing", () => {
    expect(getRiskData(new RiskLog(), "quiet")).toEqual({
      riskName: "quiet",
      symbol: null,
      totalRejections: 0,
      backtestRejections: 0,
      liveRejections: 0,
      byRisk: [],
      byRule: [],
      bySymbol: [],
      byStrategy: [],
      rejections: [],
    });
  });
});
