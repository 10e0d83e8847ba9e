import { defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/** Reads SMA(20) and EMA(20) of 15m closes every 15 minutes and never trades: every tick is a decision. */
export default defineStrategy({
  name: "averages",
  interval: "15m",
  params: z.object({}),
  defaults: {},
  async getSignal(ctx) {
    await ctx.indicators.sma(20);
    await ctx.indicators.ema(20);
    return null;
  },
});
