import { type Candle, getMarketPrice } from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineStrategy } from "../define/define-strategy.js";
import { runStrategyOnCandles } from "../testing/run-strategy-on-candles.js";

// Issue 9 item 15: ctx.marketPrice() is the one price to build a market entry's levels from.
const T0 = Date.UTC(2024, 0, 1, 10);
const MINUTE = MINUTE_MS;
// Closes rise 100, 101, …: the last closed 1m candle at tick T is the one that opened at T − 1m.
const candles: Candle[] = Array.from({ length: 120 }, (_, i) => {
  const close = 100 + i;
  return { timestamp: T0 - 60 * MINUTE + i * MINUTE, open: close, high: close, low: close, close, volume: 1 };
});

describe("ctx.marketPrice()", () => {
  it("is the close of the last closed 1m candle under the default candle model, the same as getMarketPrice()", async () => {
    const seen: Array<[number, number, number]> = [];
    const strategy = defineStrategy({
      name: "market-price-probe",
      interval: "1m",
      params: z.object({}),
      defaults: {},
      async getSignal(ctx) {
        seen.push([ctx.when.getTime(), await ctx.marketPrice(), await getMarketPrice()]);
        return null;
      },
    });
    await runStrategyOnCandles(strategy, candles, {
      symbol: "TEST",
      from: new Date(T0),
      to: new Date(T0 + 3 * MINUTE),
    });
    // At 10:00 the last closed candle opened at 09:59, index 59: close 159; then 160, 161.
    expect(seen).toEqual([
      [T0, 159, 159],
      [T0 + MINUTE, 160, 160],
      [T0 + 2 * MINUTE, 161, 161],
    ]);
  });
});
