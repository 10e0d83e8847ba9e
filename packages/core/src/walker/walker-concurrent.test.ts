import { addWalker, Backtest, listenProgress, type SignalDto, Walker } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  at,
  bars,
  expectedPnl,
  flat,
  registerMarket,
  signalsAtMinutes,
  uniqueName,
} from "./hand-made-market.test-helpers.js";

// Flat at 100 with a spike to 102.5 at 10:10: a long entered at 10:05 takes profit at 102.
const candles = [
  ...flat(at(-5), 15, 100),
  ...bars(at(10), [[100, 102.5, 100, 100]]),
  ...flat(at(11), 60, 100),
];
const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};

describe("a walker and a plain backtest of the same strategy and symbol at once", () => {
  it("each reports its own trades: the walker ranks what its backtest yielded, Backtest.getData the newest run", async () => {
    const strategyName = uniqueName("concurrent");
    signalsAtMinutes(strategyName, { 5: long });
    const walkerName = uniqueName("concurrent-walker");
    const market = registerMarket("concurrent", { TEST: candles }, 0, 60);
    addWalker({ walkerName, ...market, strategies: [strategyName], config: { percentFee: 0 } });
    // The plain backtest starts once the walker's own backtest has begun (its first progress event), so it is
    // the newer run of the (strategy, symbol).
    let plain: Promise<void> | undefined;
    const stop = listenProgress((event) => {
      if (event.strategyName !== strategyName || plain !== undefined) return;
      plain = (async () => {
        for await (const _ of Backtest.run("TEST", {
          strategyName,
          ...market,
          config: { percentFee: 0.2 },
        })) {
          // Drained: the results are read with getData below.
        }
      })();
    });
    for await (const _ of Walker.run("TEST", { walkerName })) {
      // Drained: the results are read with getData below.
    }
    await plain;
    stop();
    expect(plain).toBeDefined();
    const walkerStats = Walker.getData(walkerName, "TEST").strategies[0]!.stats;
    expect(walkerStats.tradeCount).toBe(1);
    expect(walkerStats.totalPnl).toBeCloseTo(expectedPnl("long", 100, 102, 0), 10);
    const plainData = Backtest.getData(strategyName, "TEST");
    expect(plainData.tradeCount).toBe(1);
    expect(plainData.totalPnl).toBeCloseTo(expectedPnl("long", 100, 102, 0.2), 10);
  });
});
