import { z } from "zod";
import { bracket, defineStrategy } from "@candlewick/sdk";

/** Long only (a spot account without the base asset cannot sell short): RSI climbing back out of oversold on 5m. */
export default defineStrategy({
  name: "rsi-dip-long",
  interval: "5m",
  params: z.object({ period: z.number().int().min(2), low: z.number() }),
  defaults: { period: 14, low: 30 },
  async getSignal(ctx, { period, low }) {
    const rsi = await ctx.indicators.rsi(period);
    const before = await ctx.indicators.rsi(period, { offset: 1 });
    if (rsi === null || before === null || !(before < low && rsi >= low)) return null;
    const price = await ctx.averagePrice();
    return bracket({ position: "long", price, takeProfitPct: 0.6, stopLossPct: 0.6, minuteEstimatedTime: 240 });
  },
});
