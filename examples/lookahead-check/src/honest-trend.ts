import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/** Long above EMA(50) of 1h closes when RSI(14) dips under 45: only what the context shows, no look-ahead. */
export default defineStrategy({
  name: "honest-trend",
  interval: "1h",
  params: z.object({ trend: z.number().int().min(2), rsiBelow: z.number().min(0).max(100) }),
  defaults: { trend: 50, rsiBelow: 45 },
  async getSignal(ctx, { trend, rsiBelow }) {
    const [average, rsi] = [await ctx.indicators.ema(trend), await ctx.indicators.rsi(14)];
    const price = await ctx.marketPrice();
    if (average === null || rsi === null || price < average || rsi >= rsiBelow) return null;
    return bracket({
      position: "long",
      price,
      takeProfitPct: 1.5,
      stopLossPct: 1,
      minuteEstimatedTime: 6 * 60,
    });
  },
});
