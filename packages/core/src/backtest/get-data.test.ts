import { Backtest, CandlewickError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, flat } from "../testing/memory-exchange.js";
import { expectedPnl, runScenario, type ScenarioOptions, signalsAt } from "../testing/scenario.js";

// A win (long 100 → 101 at TP), a loss (long 101 → 99.99 at SL) and a scheduled signal that times out.
function scenario(label: string, symbol = "TEST"): ScenarioOptions {
  return {
    label,
    symbol,
    candles: [
      ...flat(at(-5), 5, 100),
      ...bars(at(0), [
        [100, 100.5, 99.8, 100.2],
        [100.2, 101.2, 100.1, 101], // TP 101 → closed 10:02
        [101, 101.2, 100.8, 101],
        [101, 101.1, 99.9, 100], // SL 99.99 → closed 10:04
      ]),
      ...flat(at(4), 30, 100),
    ],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({
      [at(0)]: { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 },
      [at(2)]: { position: "long", priceTakeProfit: 102.01, priceStopLoss: 99.99, minuteEstimatedTime: 60 },
      [at(4)]: {
        position: "long",
        priceOpen: 95,
        priceTakeProfit: 97,
        priceStopLoss: 93,
        minuteEstimatedTime: 60,
      },
    }),
    config: { scheduleAwaitMinutes: 3 },
  };
}

describe("Backtest.getData", () => {
  it("holds every closed trade of the run (not the cancelled signal) and counts them", async () => {
    const { results, strategyName } = await runScenario(scenario("data"));
    expect(results.map((r) => [r.action, r.closeTimestamp])).toEqual([
      ["closed", at(2)],
      ["closed", at(4)],
      ["cancelled", at(7)],
    ]);
    const data = Backtest.getData(strategyName);
    expect(data.strategyName).toBe(strategyName);
    expect(data.symbols).toEqual(["TEST"]);
    expect(data.signalList).toEqual(results.slice(0, 2));
    expect(data.tradeCount).toBe(2);
    expect(data.winCount).toBe(1);
    expect(data.lossCount).toBe(1);
    // 0.597403596 (100 → 101) + (101 → 99.99: O = 101.101, C = 99.89001 → −1.197802 − 0.198802 = −1.396604)
    const win = expectedPnl("long", 100, 101);
    const loss = expectedPnl("long", 101, 99.99);
    expect(win).toBeCloseTo(0.5974035964036, 10);
    expect(data.totalPnl).toBeCloseTo(win + loss, 9);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it("carries the equity curve of its trades: start at 1, then ×(1 + pnl/100) at each close", async () => {
    const { strategyName } = await runScenario(scenario("curve"));
    const data = Backtest.getData(strategyName);
    const win = expectedPnl("long", 100, 101);
    const loss = expectedPnl("long", 101, 99.99);
    const afterWin = 1 + win / 100;
    const afterLoss = afterWin * (1 + loss / 100);
    expect(data.equityCurve.timestamps).toEqual([at(0), at(2), at(4)]);
    expect(data.equityCurve.equity[0]).toBe(1);
    expect(data.equityCurve.equity[1]).toBeCloseTo(afterWin, 12);
    expect(data.equityCurve.equity[2]).toBeCloseTo(afterLoss, 12);
    // The win is a new peak (0% down); the loss leaves the account (peak − equity)/peak below it.
    expect(data.equityCurve.drawdownPercent[1]).toBe(0);
    expect(data.equityCurve.drawdownPercent[2]).toBeCloseTo(((afterWin - afterLoss) / afterWin) * 100, 10);
    expect(
      Math.max(...data.equityCurve.drawdownPercent, ...data.equityCurve.troughDrawdownPercent),
    ).toBeCloseTo(data.maxDrawdown!, 12);
  });

  it("a new run of the same strategy and symbol replaces the previous trades", async () => {
    const options = scenario("data-rerun");
    const { strategyName, exchangeName, frameName } = await runScenario(options);
    for await (const _ of Backtest.run("TEST", {
      strategyName,
      exchangeName,
      frameName,
      config: { scheduleAwaitMinutes: 3 },
    })) {
      // same run again
    }
    expect(Backtest.getData(strategyName).tradeCount).toBe(2);
    expect(Backtest.getData(strategyName, "TEST").tradeCount).toBe(2);
  });

  it("names what is missing", async () => {
    expect(() => Backtest.getData("never-ran")).toThrow(
      '[core] Backtest.getData: strategy "never-ran" has not been backtested on this engine',
    );
    const { strategyName } = await runScenario(scenario("data-symbol", "AAA"));
    let error: unknown;
    try {
      Backtest.getData(strategyName, "BBB");
    } catch (caught) {
      error = caught;
    }
    expect(CandlewickError.isInstance(error)).toBe(true);
    expect((error as CandlewickError).code).toBe("NO_BACKTEST_DATA");
    expect((error as Error).message).toBe(
      `[core] Backtest.getData: strategy "${strategyName}" has no backtest on BBB; it ran on AAA`,
    );
  });
});
