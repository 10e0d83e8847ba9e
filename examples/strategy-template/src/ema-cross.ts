import { bracket, crossDirection, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * EMA cross on 15m candles: go long when EMA(fast) crosses above EMA(slow), short when it crosses below, with a
 * take-profit and a stop-loss at fixed percentages of the entry. Every parameter is validated by the schema, so
 * `--param fast=1` or `registerStrategy(emaCross, { fast: 40, slow: 20 })` fails before anything runs.
 */
const emaCross = defineStrategy({
  name: "ema-cross",
  interval: "15m",
  params: z
    .object({
      fast: z.number().int().min(2).max(200),
      slow: z.number().int().min(3).max(500),
      takeProfitPct: z.number().positive().max(20),
      stopLossPct: z.number().positive().max(20),
      lifetimeMinutes: z.number().int().positive().max(1440),
    })
    .refine((p) => p.fast < p.slow, { message: "fast shorter than slow", path: ["fast"] }),
  defaults: { fast: 9, slow: 21, takeProfitPct: 1.5, stopLossPct: 1, lifetimeMinutes: 720 },
  async getSignal(ctx, params) {
    const fast = await ctx.indicators.ema(params.fast);
    const fastBefore = await ctx.indicators.ema(params.fast, { offset: 1 });
    const slow = await ctx.indicators.ema(params.slow);
    const slowBefore = await ctx.indicators.ema(params.slow, { offset: 1 });
    const cross = crossDirection(fastBefore, fast, slowBefore, slow);
    if (cross === null) return null;
    return bracket({
      position: cross === "up" ? "long" : "short",
      price: await ctx.marketPrice(),
      takeProfitPct: params.takeProfitPct,
      stopLossPct: params.stopLossPct,
      minuteEstimatedTime: params.lifetimeMinutes,
      note: `ema ${params.fast}/${params.slow} cross ${cross}`,
    });
  },
});

export default emaCross;
