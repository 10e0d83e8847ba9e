import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * Long only, as a spot account without the base asset can trade: buy when the 5m RSI climbs back out of oversold,
 * with a take-profit and a stop-loss around the entry and a four-hour lifetime.
 */
export default defineStrategy({
  name: "rsi-dip-buyer",
  interval: "5m",
  params: z.object({
    period: z.number().int().min(2),
    oversold: z.number().min(0).max(100),
    bracketPct: z.number().positive(),
  }),
  defaults: { period: 14, oversold: 30, bracketPct: 0.6 },
  async getSignal(ctx, { period, oversold, bracketPct }) {
    const rsi = await ctx.indicators.rsi(period);
    const before = await ctx.indicators.rsi(period, { offset: 1 });
    if (rsi === null || before === null || !(before < oversold && rsi >= oversold)) return null;
    const price = await ctx.averagePrice();
    return bracket({
      position: "long",
      price,
      takeProfitPct: bracketPct,
      stopLossPct: bracketPct,
      minuteEstimatedTime: 240,
    });
  },
});
