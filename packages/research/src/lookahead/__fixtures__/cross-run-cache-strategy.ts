import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";
import { futureOpenTime, lastClosedOpenTime } from "./future-close.js";

/** Module state: every close this module was ever shown, by open time, kept from one run to the next. */
const seen = new Map<number, number>();

/**
 * Deliberately cheats across runs: it remembers every candle it was given, so a later run over the same period
 * knows the close one hour ahead and goes long when it is higher than the last close. Its first run is honest.
 */
export default defineStrategy({
  name: "cross-run-cache",
  interval: "1h",
  params: z.object({}),
  defaults: {},
  async getSignal(ctx) {
    for (const candle of await ctx.candles("1m", 60)) seen.set(candle.timestamp, candle.close);
    const later = seen.get(futureOpenTime(ctx.when));
    const last = seen.get(lastClosedOpenTime(ctx.when));
    if (later === undefined || last === undefined || later <= last) return null;
    return bracket({ position: "long", price: await ctx.marketPrice(), takeProfitPct: 5, stopLossPct: 5, minuteEstimatedTime: 59 });
  },
});
