import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/** Honest: an SMA(8) / EMA(21) cross on closed 1h candles, read only through the context. */
export default defineStrategy({
  name: "honest-cross",
  interval: "1h",
  params: z.object({ fast: z.number().int().min(2).default(8), slow: z.number().int().min(3).default(21) }),
  defaults: {},
  async getSignal(ctx, { fast, slow }) {
    const [quick, steady] = [await ctx.indicators.sma(fast), await ctx.indicators.ema(slow)];
    if (quick === null || steady === null) return null;
    const position = quick > steady ? "long" : "short";
    return bracket({ position, price: await ctx.marketPrice(), takeProfitPct: 5, stopLossPct: 5, minuteEstimatedTime: 59 });
  },
});
