import {
  addExchange,
  addFrame,
  addRisk,
  addStrategy,
  Backtest,
  Portfolio,
  Risk,
  type SignalDto,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, flat, uniqueName } from "../testing/memory-exchange.js";
import { registerScenario } from "../testing/scenario.js";

// Risk.getData reports backtests as Backtest.getData does: the latest run of each (strategy, symbol). A risk
// that refuses everything rejects the signal asked for at each 1m tick, and nothing ever opens, so a frame of
// n minutes gives exactly n rejections, all of that frame.
const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};

function refuseAll() {
  const riskName = uniqueName("refuse-all");
  addRisk({ riskName, validations: [{ name: "closed", validate: () => "the desk is closed" }] });
  return riskName;
}

async function backtest(symbol: string, strategyName: string, exchangeName: string, frameName: string) {
  for await (const _ of Backtest.run(symbol, { strategyName, exchangeName, frameName })) {
    // nothing opens
  }
}

function frame(label: string, startMinute: number, minutes: number): string {
  const frameName = uniqueName(label);
  addFrame({
    frameName,
    interval: "1m",
    startDate: new Date(at(startMinute)),
    endDate: new Date(at(startMinute + minutes)),
  });
  return frameName;
}

/** A strategy on TEST whose every signal "refuse-all" refuses, backtested once over 5 minutes: 5 rejections. */
async function backtestOnce(label: string) {
  const riskName = refuseAll();
  const names = registerScenario({
    label,
    candles: flat(at(-5), 60, 100),
    start: at(0),
    end: at(5),
    getSignal: () => long,
    riskName,
  });
  await backtest("TEST", names.strategyName, names.exchangeName, names.frameName);
  expect(Risk.getData(riskName).totalRejections).toBe(5);
  return { riskName, names };
}

describe("Risk.getData after consecutive backtests", () => {
  it("shows only the latest run's rejections of a strategy on a symbol", async () => {
    const { riskName, names } = await backtestOnce("risk-rerun");

    const second = frame("risk-rerun-second", 10, 3);
    await backtest("TEST", names.strategyName, names.exchangeName, second);
    const data = Risk.getData(riskName);
    expect(data.totalRejections).toBe(3);
    expect(data.rejections.map((r) => [r.frameName, r.timestamp])).toEqual([
      [second, at(10)],
      [second, at(11)],
      [second, at(12)],
    ]);
    expect(data.byRule).toEqual([{ name: "closed", count: 3 }]);
    expect(Risk.getData().rejections.filter((r) => r.riskName === riskName)).toHaveLength(3);

    // Re-running the first frame replaces the second's, as often as it is run.
    for (let n = 0; n < 3; n++) {
      await backtest("TEST", names.strategyName, names.exchangeName, names.frameName);
      expect(Risk.getData(riskName).totalRejections).toBe(5);
    }
  });

  it("a portfolio run replaces a backtest's rejections of its (strategy, symbol) pairs, as it replaces its trades", async () => {
    const { riskName, names } = await backtestOnce("risk-rerun-portfolio");

    const second = frame("risk-rerun-portfolio-second", 10, 3);
    for await (const _ of Portfolio.run({
      symbols: ["TEST"],
      strategies: [names.strategyName],
      exchangeName: names.exchangeName,
      frameName: second,
    })) {
      // nothing opens
    }
    const data = Risk.getData(riskName);
    expect(data.rejections.map((r) => [r.frameName, r.timestamp])).toEqual([
      [second, at(10)],
      [second, at(11)],
      [second, at(12)],
    ]);
  });

  it("keeps each symbol's latest run, and a run with no rejection clears its pair's", async () => {
    const riskName = refuseAll();
    const candles = flat(at(-5), 60, 100);
    const exchangeName = uniqueName("risk-rerun-symbols-exchange");
    const strategyName = uniqueName("risk-rerun-symbols-strategy");
    addExchange(createMemoryExchange(exchangeName, { TEST: candles, OTHER: candles }));
    // Asks for a trade only before minute 20.
    addStrategy({
      strategyName,
      interval: "1m",
      riskName,
      getSignal: (_symbol, when) => (when.getTime() < at(20) ? long : null),
    });
    const first = frame("risk-rerun-symbols", 0, 4);
    await backtest("TEST", strategyName, exchangeName, first);
    await backtest("OTHER", strategyName, exchangeName, first);
    expect(Risk.getData(riskName, "TEST").totalRejections).toBe(4);
    expect(Risk.getData(riskName, "OTHER").totalRejections).toBe(4);

    await backtest("TEST", strategyName, exchangeName, frame("quiet", 20, 4));
    expect(Risk.getData(riskName, "TEST").totalRejections).toBe(0);
    expect(Risk.getData(riskName, "OTHER").totalRejections).toBe(4);
    expect(Risk.getData(riskName).bySymbol).toEqual([{ name: "OTHER", count: 4 }]);
  });
});
