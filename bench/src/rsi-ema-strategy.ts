import { bracket, defineStrategy, registerStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * The indicator benchmark strategy, built with `@candlewick/sdk`: momentum with a trend filter. RSI(14) crossing
 * up through 50 while the price is above EMA(50) → long; crossing down through 50 below it → short.
 * 1m interval, TP/SL ±1%, lifetime 240 minutes. Both indicators are sdk streams, so each call adds only the
 * candles that closed since the previous one.
 */
export const rsiEma = defineStrategy({
  name: "rsi-ema",
  interval: "1m",
  params: z.object({
    rsiPeriod: z.number().int().min(2),
    emaPeriod: z.number().int().min(2),
    threshold: z.number().min(0).max(100),
  }),
  defaults: { rsiPeriod: 14, emaPeriod: 50, threshold: 50 },
  async getSignal(ctx, { rsiPeriod, emaPeriod, threshold }) {
    const rsi = await ctx.indicators.rsi(rsiPeriod);
    const rsiBefore = await ctx.indicators.rsi(rsiPeriod, { offset: 1 });
    const ema = await ctx.indicators.ema(emaPeriod);
    if (rsi === null || rsiBefore === null || ema === null) return null;
    const crossedUp = rsiBefore < threshold && rsi >= threshold;
    const crossedDown = rsiBefore > threshold && rsi <= threshold;
    if (!crossedUp && !crossedDown) return null;
    const price = await ctx.averagePrice();
    const long = crossedUp && price > ema;
    const short = crossedDown && price < ema;
    if (!long && !short) return null;
    return bracket({
      position: long ? "long" : "short",
      price,
      takeProfitPct: 1,
      stopLossPct: 1,
      minuteEstimatedTime: 240,
    });
  },
});

/** Registers the RSI/EMA strategy under `strategyName` (the bench's `--strategy rsi-ema`). */
export function addRsiEmaStrategy(strategyName: string): void {
  registerStrategy(rsiEma, {}, { strategyName });
}
