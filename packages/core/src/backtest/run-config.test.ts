import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type BacktestResult,
  getConfig,
  InvalidArgumentError,
  resetConfig,
  setConfig,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { at, bars, createMemoryExchange, flat, uniqueName } from "../testing/memory-exchange.js";
import { signalsAt } from "../testing/scenario.js";

// One trade, long 100 → 102 (TP), run with different fee/slippage settings.
const candles = [
  ...flat(at(-5), 5, 100),
  ...bars(at(0), [
    [100, 100.5, 99.5, 100],
    [100, 102.5, 99.8, 102.2], // TP 102 at 10:01 → closed 10:02
  ]),
  ...flat(at(2), 20, 102.2),
];

function register() {
  const exchangeName = uniqueName("cfg-exchange");
  const strategyName = uniqueName("cfg-strategy");
  const frameName = uniqueName("cfg-frame");
  addExchange(createMemoryExchange(exchangeName, { TEST: candles }));
  addStrategy({
    strategyName,
    interval: "1m",
    getSignal: signalsAt({
      [at(0)]: { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 60 },
    }),
  });
  addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(10)) });
  return { exchangeName, strategyName, frameName };
}

async function collect(iterator: AsyncIterable<BacktestResult>): Promise<BacktestResult[]> {
  const out: BacktestResult[] = [];
  for await (const result of iterator) out.push(result);
  return out;
}

afterEach(() => {
  resetConfig();
});

describe("fees and slippage are per-run config", () => {
  it("two concurrent runs with different fees produce different PnL for the same trade", async () => {
    const names = register();
    const [defaults, costly, free] = await Promise.all([
      collect(Backtest.run("TEST", names)),
      collect(Backtest.run("TEST", { ...names, config: { percentFee: 0.5, percentSlippage: 0.2 } })),
      collect(Backtest.run("TEST", { ...names, config: { percentFee: 0, percentSlippage: 0 } })),
    ]);
    for (const results of [defaults, costly, free]) {
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        closeReason: "take_profit",
        closeTimestamp: at(2),
        pnl: { priceOpen: 100, priceClose: 102 },
      });
    }
    // defaults 0.1/0.1: O = 100.1, C = 101.898 → 1.798/100.1·100 = 1.796203796; fee 0.1·(1 + 1.017962038) = 0.201796204
    expect(defaults[0]!.pnl.pnlPercentage).toBeCloseTo(1.5944075924076, 9);
    // 0.5/0.2: O = 100.2, C = 101.796 → 1.596/100.2·100 = 1.592814371; fee 0.5·(1 + 1.015928144) = 1.007964072
    expect(costly[0]!.pnl.pnlPercentage).toBeCloseTo(0.5848502994012, 9);
    // no costs: the raw 2% move
    expect(free[0]!.pnl.pnlPercentage).toBeCloseTo(2, 12);
  });

  it("setConfig changes the defaults of runs started afterwards; per-run overrides apply on top", async () => {
    const names = register();
    setConfig({ percentFee: 0, percentSlippage: 0 });
    const [globalOnly] = await collect(Backtest.run("TEST", names));
    expect(globalOnly!.pnl.pnlPercentage).toBeCloseTo(2, 12);
    // override only the fee: 0.1% fee, slippage still 0 from setConfig → 2 − 0.1·(1 + 1.02) = 1.798
    const [overridden] = await collect(Backtest.run("TEST", { ...names, config: { percentFee: 0.1 } }));
    expect(overridden!.pnl.pnlPercentage).toBeCloseTo(1.798, 12);
  });

  it("a run keeps the config it started with when setConfig changes during it", async () => {
    const names = register();
    const run = Backtest.run("TEST", names); // config resolved here, with the defaults
    setConfig({ percentFee: 1, percentSlippage: 1 });
    const [result] = await collect(run);
    expect(result!.pnl.pnlPercentage).toBeCloseTo(1.5944075924076, 9);
  });

  it("a bad per-run override throws before anything runs and names the key", () => {
    const names = register();
    const before = getConfig();
    expect(() => Backtest.run("TEST", { ...names, config: { percentFee: -1 } })).toThrow(
      InvalidArgumentError,
    );
    try {
      Backtest.run("TEST", { ...names, config: { fillModel: "mid" as never } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe("fillModel");
      expect((error as Error).message).toContain('[Backtest.run config] "fillModel" is "mid"');
    }
    expect(getConfig()).toBe(before);
  });
});
