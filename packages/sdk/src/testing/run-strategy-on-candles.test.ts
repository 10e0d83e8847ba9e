import {
  addExchange,
  addFrame,
  Backtest,
  createCsvExchange,
  listExchanges,
  listFrames,
  listStrategies,
  type StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineStrategy } from "../define/define-strategy.js";
import { registerStrategy } from "../define/register-strategy.js";
import { bracket } from "../signals/bracket.js";
import { candleFixtureDir } from "./candle-fixture-dir.js";
import { loadCandleFixture } from "./load-candle-fixture.js";
import { runStrategyOnCandles } from "./run-strategy-on-candles.js";

const rsiReversal = defineStrategy({
  name: "harness-rsi",
  interval: "5m",
  params: z.object({ period: z.number().int().min(2), low: z.number(), high: z.number() }),
  defaults: { period: 14, low: 30, high: 70 },
  async getSignal(ctx, { period, low, high }) {
    const rsi = await ctx.indicators.rsi(period);
    if (rsi === null) return null;
    const price = await ctx.averagePrice();
    if (rsi < low)
      return bracket({ position: "long", price, takeProfitPct: 1, stopLossPct: 1, minuteEstimatedTime: 240 });
    if (rsi > high)
      return bracket({
        position: "short",
        price,
        takeProfitPct: 1,
        stopLossPct: 1,
        minuteEstimatedTime: 240,
      });
    return null;
  },
});

describe("runStrategyOnCandles", () => {
  it("gives the same trades and statistics as a hand-registered backtest on the same real candles", async () => {
    const from = new Date("2025-06-02T00:00:00Z");
    const to = new Date("2025-06-06T00:00:00Z");
    // Candles after `to` let the last trade finish as it does on the CSV exchange, which has them too.
    const candles = await loadCandleFixture("BTCUSDT");
    const { trades, stats, results, strategyName } = await runStrategyOnCandles(rsiReversal, candles, {
      from,
      to,
    });
    expect(trades.length).toBeGreaterThan(3);
    expect(stats.tradeCount).toBe(trades.length);
    expect(results.filter((r) => r.action === "closed")).toHaveLength(trades.length);
    expect(strategyName).toBe("harness-rsi");

    // The same run by hand, on core's CSV exchange over the fixture files. The harness's exchange has no price
    // precision, so the CSV run keeps the strategy's prices unrounded too (formatSignalPrices: false).
    addExchange(createCsvExchange({ exchangeName: "harness-check-csv", dir: candleFixtureDir() }));
    addFrame({ frameName: "harness-check-frame", interval: "1m", startDate: from, endDate: to });
    const name = registerStrategy(rsiReversal, {}, { strategyName: "harness-rsi-by-hand" });
    const byHand = [];
    for await (const r of Backtest.run("BTCUSDT", {
      strategyName: name,
      exchangeName: "harness-check-csv",
      frameName: "harness-check-frame",
      config: { formatSignalPrices: false },
    })) {
      byHand.push(r);
    }
    const strip = (r: (typeof results)[number]) => ({
      action: r.action,
      closeTimestamp: r.closeTimestamp,
      position: r.signal.position,
      pnl: r.pnl.pnlPercentage,
    });
    expect(results.map(strip)).toEqual(byHand.map(strip));
    expect(stats.totalPnl).toBeCloseTo(Backtest.getData(name).totalPnl!, 12);
  });

  it("applies parameter overrides, and validates them", async () => {
    const candles = await loadCandleFixture("ETHUSDT", { to: new Date("2025-06-03T00:00:00Z") });
    const strict = await runStrategyOnCandles(rsiReversal, candles, {
      params: { low: 5, high: 95 },
      symbol: "ETHUSDT",
    });
    const loose = await runStrategyOnCandles(rsiReversal, candles, {
      params: { low: 45, high: 55 },
      symbol: "ETHUSDT",
    });
    expect(loose.trades.length).toBeGreaterThan(strict.trades.length);
    await expect(runStrategyOnCandles(rsiReversal, candles, { params: { period: 1 } })).rejects.toThrow(
      '[harness-rsi params] "period" is 1',
    );
  });

  it("fails the test when the strategy's getSignal throws, or collects the errors on request", async () => {
    const candles = await loadCandleFixture("BTCUSDT", { to: new Date("2025-06-01T02:00:00Z") });
    const broken: StrategySchema = {
      strategyName: "harness-broken",
      interval: "15m",
      getSignal: () => {
        throw new Error("boom");
      },
    };
    await expect(runStrategyOnCandles(broken, candles)).rejects.toThrow(/harness-broken.*boom/);
    const { errors, trades } = await runStrategyOnCandles(broken, candles, { errors: "collect" });
    // One per 15 minutes, 00:15 … 01:45: at 00:00 no candle has closed yet, so getSignal is not asked.
    expect(errors).toHaveLength(7);
    expect(trades).toHaveLength(0);
  });

  it("rejects candles that are not 1m in increasing order", async () => {
    const candles = await loadCandleFixture("BTCUSDT", { to: new Date("2025-06-01T00:10:00Z") });
    await expect(runStrategyOnCandles(rsiReversal, [...candles].reverse())).rejects.toThrow(
      '"candles.1.timestamp"',
    );
  });

  it("runs each test on a throwaway engine: nothing leaks onto the default engine, and runs at once never collide", async () => {
    const before = {
      strategies: listStrategies().length,
      exchanges: listExchanges().length,
      frames: listFrames().length,
    };
    const candles = await loadCandleFixture("BTCUSDT", { to: new Date("2025-06-02T00:00:00Z") });
    // The same strategy name, at once, with different parameters: each run sees only its own.
    const [strict, loose] = await Promise.all([
      runStrategyOnCandles(rsiReversal, candles, { params: { low: 5, high: 95 } }),
      runStrategyOnCandles(rsiReversal, candles, { params: { low: 45, high: 55 } }),
    ]);
    const alone = await runStrategyOnCandles(rsiReversal, candles, { params: { low: 45, high: 55 } });
    expect(loose.trades.length).toBeGreaterThan(strict.trades.length);
    expect(loose.stats.totalPnl).toBe(alone.stats.totalPnl);
    expect(loose.trades.map((t) => t.closeTimestamp)).toEqual(alone.trades.map((t) => t.closeTimestamp));
    expect({
      strategies: listStrategies().length,
      exchanges: listExchanges().length,
      frames: listFrames().length,
    }).toEqual(before);
    expect(listStrategies().map((s) => s.strategyName)).not.toContain("harness-rsi");
  });
});
