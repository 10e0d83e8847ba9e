import { setTimeout as sleep } from "node:timers/promises";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type BacktestResult,
  type Candle,
  getCandles,
  type SignalDto,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, MINUTE, uniqueName } from "../testing/memory-exchange.js";

/** A deterministic random walk of 1m candles (a small LCG, one seed per symbol). */
function walk(seed: number, start: number, count: number, base: number): Candle[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const out: Candle[] = [];
  let price = base;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open * (1 + (next() - 0.5) * 0.01);
    const high = Math.max(open, close) * (1 + next() * 0.003);
    const low = Math.min(open, close) * (1 - next() * 0.003);
    out.push({ timestamp: start + i * MINUTE, open, high, low, close, volume: 1 + next() });
    price = close;
  }
  return out;
}

const SYMBOLS = {
  AAA: walk(1, at(-30), 400, 100),
  BBB: walk(2, at(-30), 400, 2500),
  CCC: walk(3, at(-30), 400, 0.5),
};

describe("state isolation across symbols", () => {
  it("three symbols run in parallel with one strategy get exactly the trades each gets alone", async () => {
    const exchangeName = uniqueName("iso-exchange");
    const strategyName = uniqueName("iso-strategy");
    const frameName = uniqueName("iso-frame");
    addExchange(createMemoryExchange(exchangeName, SYMBOLS));
    const asked: Record<string, number> = { AAA: 0, BBB: 0, CCC: 0 };
    addStrategy({
      strategyName,
      interval: "1m",
      async getSignal(symbol, when): Promise<SignalDto | null> {
        asked[symbol]! += 1;
        // uneven awaits so that the three runs interleave differently from run to run
        await sleep((when.getTime() / MINUTE + symbol.charCodeAt(0)) % 3);
        const [previous, last] = await getCandles(symbol, "1m", 2);
        if (previous === undefined || last === undefined || last.close === previous.close) return null;
        const price = last.close;
        return last.close > previous.close
          ? {
              position: "long",
              priceTakeProfit: price * 1.01,
              priceStopLoss: price * 0.99,
              minuteEstimatedTime: 15,
            }
          : {
              position: "short",
              priceTakeProfit: price * 0.99,
              priceStopLoss: price * 1.01,
              minuteEstimatedTime: 15,
            };
      },
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(300)) });

    const runOne = async (symbol: string) => {
      const out: BacktestResult[] = [];
      for await (const result of Backtest.run(symbol, { strategyName, exchangeName, frameName }))
        out.push(result);
      return out;
    };
    const alone: Record<string, BacktestResult[]> = {};
    for (const symbol of Object.keys(SYMBOLS)) alone[symbol] = await runOne(symbol);
    const askedAlone = { ...asked };

    const parallel = await Promise.all(Object.keys(SYMBOLS).map(runOne));
    Object.keys(SYMBOLS).forEach((symbol, i) => {
      expect(parallel[i], symbol).toEqual(alone[symbol]);
      expect(parallel[i]!.length, symbol).toBeGreaterThan(3);
      expect(parallel[i]!.every((r) => r.symbol === symbol && r.signal.symbol === symbol)).toBe(true);
      // asked exactly as often in parallel as alone
      expect(asked[symbol]! - askedAlone[symbol]!).toBe(askedAlone[symbol]);
    });
    // the symbols really traded differently (different prices, different times)
    const closeTimes = Object.keys(SYMBOLS).map((s) => alone[s]!.map((r) => r.closeTimestamp).join(","));
    expect(new Set(closeTimes).size).toBe(3);
    expect(alone.BBB![0]!.pnl.priceOpen).toBeGreaterThan(1000);
    expect(alone.CCC![0]!.pnl.priceOpen).toBeLessThan(1);
  });
});
