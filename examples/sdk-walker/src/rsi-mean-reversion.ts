import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * RSI mean reversion on 5m candles: buy when RSI climbs back above `oversold`, sell short when it falls back
 * below `overbought`; bracket of ±`bandPct`. One definition, several parameter sets to compare.
 */
export const rsiMeanReversion = defineStrategy({
  name: "rsi-mean-reversion",
  interval: "5m",
  params: z.object({
    period: z.number().int().min(2).max(100),
    oversold: z.number().min(1).max(49),
    overbought: z.number().min(51).max(99),
    bandPct: z.number().positive().max(10),
  }),
  defaults: { period: 14, oversold: 30, overbought: 70, bandPct: 1 },
  async getSignal(ctx, { period, oversold, overbought, bandPct }) {
    const rsi = await ctx.indicators.rsi(period);
    const before = await ctx.indicators.rsi(period, { offset: 1 });
    if (rsi === null || before === null) return null;
    const levels = { takeProfitPct: bandPct, stopLossPct: bandPct, minuteEstimatedTime: 360 };
    if (before < oversold && rsi >= oversold) {
      return bracket({ position: "long", price: await ctx.marketPrice(), ...levels });
    }
    if (before > overbought && rsi <= overbought) {
      return bracket({ position: "short", price: await ctx.marketPrice(), ...levels });
    }
    return null;
  },
});
