import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * SMA cross on 15m candles: long when the fast average crosses above the slow one, short on the cross below,
 * with a take-profit of twice the stop. The zod bounds are the optimiser's search space.
 */
export const smaCross = defineStrategy({
  name: "sma-cross",
  interval: "15m",
  params: z.object({
    fast: z.number().int().min(3).max(30),
    slow: z.number().int().min(20).max(120).multipleOf(5),
    stopLossPct: z.number().min(0.6).max(2.5),
  }),
  defaults: { fast: 10, slow: 50, stopLossPct: 1 },
  async getSignal(ctx, { fast, slow, stopLossPct }) {
    // A fast average at least as slow as the slow one is no strategy: no trades, so the study marks it infeasible.
    if (fast >= slow) return null;
    const [fastNow, fastBefore, slowNow, slowBefore] = [
      await ctx.indicators.sma(fast),
      await ctx.indicators.sma(fast, { offset: 1 }),
      await ctx.indicators.sma(slow),
      await ctx.indicators.sma(slow, { offset: 1 }),
    ];
    if (fastNow === null || fastBefore === null || slowNow === null || slowBefore === null) return null;
    const levels = { takeProfitPct: 2 * stopLossPct, stopLossPct, minuteEstimatedTime: 24 * 60 };
    if (fastBefore <= slowBefore && fastNow > slowNow) {
      return bracket({ position: "long", price: await ctx.marketPrice(), ...levels });
    }
    if (fastBefore >= slowBefore && fastNow < slowNow) {
      return bracket({ position: "short", price: await ctx.marketPrice(), ...levels });
    }
    return null;
  },
});

// The CLI tests pass this file as a strategy file, which the CLI reads by its default export.
export default smaCross;
