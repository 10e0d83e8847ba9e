import { z } from "zod";
import { bracket, defineStrategy } from "@candlewick/sdk";

/** A strategy file as users write them, for the CLI tests: RSI leaving oversold / overbought on 5m candles. */
export default defineStrategy({
  name: "rsi-reversal",
  interval: "5m",
  params: z.object({ period: z.number().int().min(2), low: z.number(), high: z.number() }),
  defaults: { period: 14, low: 30, high: 70 },
  async getSignal(ctx, { period, low, high }) {
    const rsi = await ctx.indicators.rsi(period);
    const before = await ctx.indicators.rsi(period, { offset: 1 });
    if (rsi === null || before === null) return null;
    const price = await ctx.averagePrice();
    const levels = { price, takeProfitPct: 1, stopLossPct: 1, minuteEstimatedTime: 240 };
    if (before < low && rsi >= low) return bracket({ position: "long", ...levels });
    if (before > high && rsi <= high) return bracket({ position: "short", ...levels });
    return null;
  },
});
