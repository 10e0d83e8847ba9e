import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getMarketPrice, SignalValidationError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineStrategy } from "../define/define-strategy.js";
import { crossDirection } from "../indicators/cross-direction.js";
import { loadCandleFixture } from "../testing/load-candle-fixture.js";
import { runStrategyOnCandles } from "../testing/run-strategy-on-candles.js";
import { bracket } from "./bracket.js";

// Issue 9 item 15: the README's bracket example must price its levels with the price validation measures from.
// PASTED from packages/sdk/README.md ("A strategy"); the first test checks the README still says exactly this.
const PASTED = `
import { getMarketPrice } from "@candlewick/core";
import { bracket, crossDirection, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

export default defineStrategy({
  name: "ema-cross",
  interval: "15m",
  params: z.object({ fast: z.number().int().min(2), slow: z.number().int().min(3) }),
  defaults: { fast: 9, slow: 21 },
  async getSignal(ctx, { fast, slow }) {
    const cross = crossDirection(
      await ctx.indicators.ema(fast, { offset: 1 }),
      await ctx.indicators.ema(fast),
      await ctx.indicators.ema(slow, { offset: 1 }),
      await ctx.indicators.ema(slow),
    );
    if (cross === null) return null;
    return bracket({
      position: cross === "up" ? "long" : "short",
      price: await getMarketPrice(), // where a market entry fills: see bracket, below
      takeProfitPct: 1.5,
      stopLossPct: 1,
      minuteEstimatedTime: 720,
    });
  },
});
`;

const emaCross = defineStrategy({
  name: "ema-cross",
  interval: "15m",
  params: z.object({ fast: z.number().int().min(2), slow: z.number().int().min(3) }),
  defaults: { fast: 9, slow: 21 },
  async getSignal(ctx, { fast, slow }) {
    const cross = crossDirection(
      await ctx.indicators.ema(fast, { offset: 1 }),
      await ctx.indicators.ema(fast),
      await ctx.indicators.ema(slow, { offset: 1 }),
      await ctx.indicators.ema(slow),
    );
    if (cross === null) return null;
    return bracket({
      position: cross === "up" ? "long" : "short",
      price: await getMarketPrice(), // where a market entry fills: see bracket, below
      takeProfitPct: 1.5,
      stopLossPct: 1,
      minuteEstimatedTime: 720,
    });
  },
});

describe("the sdk README's bracket example", () => {
  it("is pasted here as the README prints it", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    expect(readme).toContain(PASTED.trim());
  });

  it("has its signal accepted where the VWAP and the last close differ (hand-made market)", async () => {
    // Two days flat at 100, then the 15m candle 10:00–10:15 at 110 whose last minute closes at 109.3 on a tiny
    // volume: at 10:15 the fast EMA crosses above the slow one (a long), the market entry fills at 109.3, and
    // the 5-candle VWAP is ≈ 110. A 1% stop priced from the VWAP (110 × 0.99 = 108.9) is only ≈ 0.37% under
    // the entry, below the 0.5% minimum; priced from the market price (109.3 × 0.99) it is 1%.
    const start = Date.UTC(2025, 5, 2, 10, 0);
    const minute = 60_000;
    const candle = (timestamp: number, open: number, low: number, close: number, volume = 1) => ({
      timestamp,
      open,
      high: Math.max(open, close),
      low,
      close,
      volume,
    });
    const candles = [
      ...Array.from({ length: 2 * 1440 }, (_, i) => candle(start - (2 * 1440 - i) * minute, 100, 100, 100)),
      ...Array.from({ length: 14 }, (_, i) => candle(start + i * minute, 110, 110, 110)),
      candle(start + 14 * minute, 110, 109.3, 109.3, 0.01),
      ...Array.from({ length: 800 }, (_, i) => candle(start + (15 + i) * minute, 109.3, 109.3, 109.3)),
    ];
    const { trades, errors } = await runStrategyOnCandles(emaCross, candles, {
      from: new Date(start + 15 * minute),
      to: new Date(start + 16 * minute),
      errors: "collect",
    });
    const rejected = errors.filter((error) => error instanceof SignalValidationError);
    expect(rejected.map((error) => error.message)).toEqual([]);
    expect(errors).toEqual([]);
    expect(trades.map((trade) => [trade.signal.position, trade.signal.priceOpen])).toEqual([["long", 109.3]]);
  });

  it("has every signal accepted on the README's own fixture run", async () => {
    const candles = await loadCandleFixture("BTCUSDT");
    const { trades, errors } = await runStrategyOnCandles(emaCross, candles, {
      from: new Date("2025-06-02T00:00:00Z"),
      params: { fast: 5, slow: 13 },
      errors: "collect",
    });
    expect(errors).toEqual([]);
    expect(trades.length).toBeGreaterThan(0);
  });
});
