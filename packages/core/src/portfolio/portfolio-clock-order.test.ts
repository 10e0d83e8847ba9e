import { createEngine, type RiskRejection } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, createMemoryExchange, flat } from "../testing/memory-exchange.js";
import { collect } from "./portfolio-strategies.test-helpers.js";

// Hand-made: 150 of cash, entries of 100, no fees or slippage. AAA's long (opened at T0) reaches its take-profit
// in the candle that closes at T0+4m. BBB asks every minute from T0+1m, and its 100 is only there once AAA's exit
// has paid back: at T0+1m, +2m and +3m the cash is 50. Within an instant the fills come first, so at T0+4m BBB sees
// the cash of AAA's exit (50 + 101 = 151) and opens. Worked by hand, not by the code under test.
const ENTRY = 100;
const COSTS = {
  percentFee: 0,
  percentSlippage: 0,
  initialCapital: 150,
  sizing: { kind: "fixed-cost", cost: ENTRY },
} as const;

function setup() {
  const engine = createEngine({ config: COSTS });
  engine.addExchange(
    createMemoryExchange("clock-order", {
      AAA: [
        ...flat(at(-10), 10, 100),
        ...bars(at(0), [
          [100, 100.2, 99.9, 100.1],
          [100.1, 100.4, 100, 100.3],
          [100.3, 100.6, 100.2, 100.5],
          [100.5, 101.5, 100.4, 101.2], // closes at T0+4m: TP 101 hit
        ]),
        ...flat(at(4), 60, 101.2),
      ],
      BBB: flat(at(-10), 80, 50),
    }),
  );
  engine.addFrame({
    frameName: "ten-minutes",
    interval: "1m",
    startDate: new Date(at(0)),
    endDate: new Date(at(10)),
  });
  engine.addStrategy({
    strategyName: "first",
    interval: "1m",
    getSignal: (symbol, when) =>
      symbol === "AAA" && when.getTime() === at(0)
        ? { position: "long", priceTakeProfit: 101, priceStopLoss: 95, minuteEstimatedTime: 60 }
        : null,
  });
  engine.addStrategy({
    strategyName: "second",
    interval: "1m",
    getSignal: (symbol, when) =>
      symbol === "BBB" && when.getTime() >= at(1)
        ? { position: "long", priceTakeProfit: 60, priceStopLoss: 40, minuteEstimatedTime: 3 }
        : null,
  });
  return engine;
}

describe("portfolio clock order", () => {
  it("processes every fill of an instant before any new signal: the exit's cash is there for the next entry", async () => {
    const engine = setup();
    const refused: RiskRejection[] = [];
    engine.listenRisk((rejection) => refused.push(rejection));
    const opened: [string, number][] = [];
    engine.listenSignal((event) => {
      if (event.action === "opened") opened.push([event.symbol, event.timestamp]);
    });
    const results = await collect(
      engine.Portfolio.run({
        symbols: ["AAA", "BBB"],
        strategies: ["first", "second"],
        exchangeName: "clock-order",
        frameName: "ten-minutes",
      }),
    );
    expect(refused.map((rejection) => [rejection.rule, rejection.timestamp])).toEqual([
      ["cash", at(1)],
      ["cash", at(2)],
      ["cash", at(3)],
    ]);
    expect(opened.slice(0, 2)).toEqual([
      ["AAA", at(0)],
      ["BBB", at(4)],
    ]);
    const aaa = results.find((result) => result.symbol === "AAA");
    expect(aaa).toMatchObject({ action: "closed", closeReason: "take_profit", closeTimestamp: at(4) });
    const data = engine.Portfolio.getData();
    // Equity right after AAA's exit: 50 + 100 × 101/100 = 151, of which BBB's 100 is then invested at 50 a unit.
    const i = data.equity.timestamps.indexOf(at(4));
    expect(data.equity.cash[i]).toBeCloseTo(51, 9);
    expect(data.equity.equity[i]).toBeCloseTo(151, 9);
    expect(data.equity.openPositions[i]).toBe(1);
  });

  it("runs in the background: one done event per (strategy, symbol), the report recorded, a failure on listenError", async () => {
    const engine = setup();
    const done: string[] = [];
    const finished = new Promise<void>((resolve) => {
      engine.listenDoneBacktest((event) => {
        done.push(`${event.strategyName}/${event.symbol}/${event.cancelled}`);
        if (done.length === 4) resolve();
      });
    });
    engine.Portfolio.background({
      portfolioName: "in-the-back",
      symbols: ["AAA", "BBB"],
      strategies: ["first", "second"],
      exchangeName: "clock-order",
      frameName: "ten-minutes",
    });
    await finished;
    expect(done.sort()).toEqual([
      "first/AAA/false",
      "first/BBB/false",
      "second/AAA/false",
      "second/BBB/false",
    ]);
    expect(engine.Portfolio.getData("in-the-back").signalList.length).toBeGreaterThan(0);

    const errors: Error[] = [];
    const failed = new Promise<void>((resolve) =>
      engine.listenError((error) => {
        errors.push(error);
        resolve();
      }),
    );
    engine.Portfolio.background({
      symbols: ["CCC"],
      strategies: ["first"],
      exchangeName: "clock-order",
      frameName: "ten-minutes",
    });
    await failed;
    expect(errors[0]?.message).toMatch(/no 1m candles for CCC/);
  });

  it("rejects bad options naming the field", () => {
    const engine = setup();
    const base = {
      symbols: ["AAA"],
      strategies: ["first"],
      exchangeName: "clock-order",
      frameName: "ten-minutes",
    };
    expect(() => engine.Portfolio.run({ ...base, symbols: [] })).toThrow(/"symbols".*at least one symbol/);
    expect(() => engine.Portfolio.run({ ...base, symbols: ["AAA", "AAA"] })).toThrow(/"symbols".*distinct/);
    expect(() => engine.Portfolio.run({ ...base, strategies: ["nope"] })).toThrow(/nope/);
    expect(() => engine.Portfolio.getData("never-ran")).toThrow(/no portfolio backtest named "never-ran"/);
  });
});
