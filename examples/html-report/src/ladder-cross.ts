import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * SMA cross on 15m candles with a bracket, half the position taken off half-way to the target (a partial
 * exit) and a trailing stop once the trade is in profit (moved stops): every kind of marker the HTML report
 * draws on the candles.
 */
export const ladderCross = defineStrategy({
  name: "ladder-cross",
  interval: "15m",
  params: z.object({
    fast: z.number().int().min(3).max(30),
    slow: z.number().int().min(20).max(120).multipleOf(5),
    stopLossPct: z.number().min(0.6).max(2.5),
  }),
  defaults: { fast: 10, slow: 40, stopLossPct: 0.8 },
  async getSignal(ctx, { fast, slow, stopLossPct }) {
    if (fast >= slow) return null;
    const [fastNow, fastBefore, slowNow, slowBefore] = [
      await ctx.indicators.sma(fast),
      await ctx.indicators.sma(fast, { offset: 1 }),
      await ctx.indicators.sma(slow),
      await ctx.indicators.sma(slow, { offset: 1 }),
    ];
    if (fastNow === null || fastBefore === null || slowNow === null || slowBefore === null) return null;
    const crossedUp = fastBefore <= slowBefore && fastNow > slowNow;
    const crossedDown = fastBefore >= slowBefore && fastNow < slowNow;
    if (!crossedUp && !crossedDown) return null;
    return {
      ...bracket({
        position: crossedUp ? "long" : "short",
        price: await ctx.marketPrice(),
        takeProfitPct: 2 * stopLossPct,
        stopLossPct,
        minuteEstimatedTime: 12 * 60,
      }),
      takeProfitLadder: [{ distancePercent: stopLossPct, fraction: 0.5 }],
      trailingStop: { distancePercent: stopLossPct, activationPercent: stopLossPct / 2 },
    };
  },
});
