import { InvalidArgumentError } from "@candlewick/core";
import { loadCandleFixture, registerStrategy, runStrategyOnCandles } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import emaCross from "./ema-cross.js";

// Real Binance BTCUSDT 1m candles shipped with @candlewick/sdk: 2025-06-01 → 2025-06-11.
const candles = await loadCandleFixture("BTCUSDT");
// Backtest from the second day: the first one is history the indicators warm up on.
const from = new Date("2025-06-02T00:00:00Z");

describe("ema-cross", () => {
  it("trades on real candles, every trade a fixed-percentage bracket closed by a level or its lifetime", async () => {
    const { trades, stats } = await runStrategyOnCandles(emaCross, candles, { from });
    expect(stats.tradeCount).toBe(trades.length);
    expect(trades.length).toBeGreaterThan(5);
    for (const trade of trades) {
      const { position, priceTakeProfit, priceStopLoss } = trade.signal;
      // TP above and SL below the entry's reference price for a long, mirrored for a short.
      if (position === "long") expect(priceTakeProfit).toBeGreaterThan(priceStopLoss);
      else expect(priceTakeProfit).toBeLessThan(priceStopLoss);
      expect(trade.signal.minuteEstimatedTime).toBe(720);
      expect(["take_profit", "stop_loss", "time_expired", "end_of_data"]).toContain(trade.closeReason);
    }
  });

  it("opens on crosses only: a slower pair of averages crosses less often", async () => {
    const quick = await runStrategyOnCandles(emaCross, candles, { from, params: { fast: 5, slow: 13 } });
    const slow = await runStrategyOnCandles(emaCross, candles, { from, params: { fast: 20, slow: 60 } });
    expect(slow.stats.tradeCount).toBeLessThan(quick.stats.tradeCount);
  });

  it("rejects parameters the schema refuses, naming them", () => {
    expect(() => registerStrategy(emaCross, { fast: 30, slow: 20 })).toThrow(InvalidArgumentError);
    expect(() => registerStrategy(emaCross, { fast: 30, slow: 20 })).toThrow('[ema-cross params] "fast"');
    expect(() => registerStrategy(emaCross, { stopLossPct: -1 })).toThrow('"stopLossPct"');
  });
});
