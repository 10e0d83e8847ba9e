import { Backtest, CandlewickError, Heat, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  at,
  bars,
  expectedPnl,
  flat,
  registerMarket,
  signalsAtMinutes,
  uniqueName,
} from "../walker/hand-made-market.test-helpers.js";

// The same strategy on two symbols: a long at 10:05 and at 10:15, TP 102 / SL 98, 8-minute lifetime.
//   TEST : 10:10 spikes to 102.5 (TP), 10:20 dips to 97.5 (SL)        → p, l
//   TEST2: 10:10 spikes to 102.5 (TP), then flat: expires at 10:23, 100 → p, z
const long: SignalDto = { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 8 };
const test = [
  ...flat(at(-5), 15, 100),
  ...bars(at(10), [[100, 102.5, 100, 100]]),
  ...flat(at(11), 9, 100),
  ...bars(at(20), [[100, 100, 97.5, 100]]),
  ...flat(at(21), 60, 100),
];
const test2 = [...flat(at(-5), 15, 100), ...bars(at(10), [[100, 102.5, 100, 100]]), ...flat(at(11), 70, 100)];
const p = expectedPnl("long", 100, 102);
const l = expectedPnl("long", 100, 98);
const z = expectedPnl("long", 100, 100);
/** Sharpe of two trades a and b: mean (a + b)/2 over the sample deviation |a − b|/√2. */
const sharpeOfTwo = (a: number, b: number) => (a + b) / 2 / (Math.abs(a - b) / Math.SQRT2);

describe("Heat.getData", () => {
  it("has one row per symbol, best Sharpe first, and a portfolio row over every trade", async () => {
    const strategyName = uniqueName("heat-strategy");
    signalsAtMinutes(strategyName, { 5: long, 15: long });
    const market = registerMarket("heat", { TEST: test, TEST2: test2 }, 0, 60);
    for (const symbol of ["TEST", "TEST2"]) {
      for await (const _ of Backtest.run(symbol, { strategyName, ...market })) {
        // run to the end
      }
    }
    const heat = Heat.getData(strategyName);
    expect(heat.strategyName).toBe(strategyName);
    expect(heat.symbols).toEqual(["TEST", "TEST2"]);
    // TEST2 (p, z) has the higher Sharpe: it comes first
    expect(heat.rows.map((row) => row.symbol)).toEqual(["TEST2", "TEST"]);
    const [second, first] = [heat.rows[1]!, heat.rows[0]!];
    expect(first.tradeCount).toBe(2);
    expect(first.totalPnl).toBeCloseTo(p + z, 9);
    expect(first.sharpeRatio).toBeCloseTo(sharpeOfTwo(p, z), 9);
    expect(second.totalPnl).toBeCloseTo(p + l, 9);
    expect(second.sharpeRatio).toBeCloseTo(sharpeOfTwo(p, l), 9);
    expect(second.winRate).toBe(50);
    // the portfolio pools the four trades
    expect(heat.portfolio.tradeCount).toBe(4);
    expect(heat.portfolio.winCount).toBe(2);
    expect(heat.portfolio.totalPnl).toBeCloseTo(2 * p + l + z, 9);
    expect(heat.portfolio.avgPnl).toBeCloseTo((2 * p + l + z) / 4, 9);
    expect(heat.portfolio.bestTrade).toBeCloseTo(p, 9);
    expect(heat.portfolio.worstTrade).toBeCloseTo(l, 9);
    // and is exactly what Backtest.getData computes over all symbols, as each row is for its symbol
    const {
      strategyName: _name,
      symbols: _symbols,
      signalList: _trades,
      equityCurve: _curve,
      ...all
    } = Backtest.getData(strategyName);
    expect(heat.portfolio).toEqual(all);
    const { symbol: _symbol, ...row } = heat.rows[0]!;
    const {
      strategyName: _n,
      symbols: _s,
      signalList: _t,
      equityCurve: _c,
      ...single
    } = Backtest.getData(strategyName, "TEST2");
    expect(row).toEqual(single);
    expect(JSON.parse(JSON.stringify(heat))).toEqual(heat);
  });

  it("throws naming a strategy that was never backtested", () => {
    const strategyName = uniqueName("never-backtested");
    expect(() => Heat.getData(strategyName)).toThrow(`strategy "${strategyName}" has not been backtested`);
    expect(() => Heat.getData(strategyName)).toThrow(CandlewickError);
  });
});
