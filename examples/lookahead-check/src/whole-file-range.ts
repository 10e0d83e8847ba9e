import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { bracket, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";
import { DATA_FOLDER } from "./data-folder.js";

/** The lowest and highest close of the whole candle file: a "normalisation" that quietly includes the future. */
function wholeFileRange(symbol: string): { low: number; high: number } {
  const text = gunzipSync(readFileSync(join(DATA_FOLDER, `${symbol}-1m.csv.gz`))).toString("utf8");
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const line of text.split("\n")) {
    if (!/^\d/.test(line)) continue;
    const close = Number(line.split(",")[4]);
    low = Math.min(low, close);
    high = Math.max(high, close);
  }
  return { low, high };
}

/**
 * Buys when the price sits in the bottom fifth of its range, the range taken over the whole file: in a
 * backtest it "knows" how low the price will still go. The bug of full-range normalisation, on purpose.
 */
export default defineStrategy({
  name: "whole-file-range",
  interval: "1h",
  params: z.object({ bottom: z.number().min(0).max(1) }),
  defaults: { bottom: 0.2 },
  async getSignal(ctx, { bottom }) {
    const { low, high } = wholeFileRange(ctx.symbol);
    const price = await ctx.marketPrice();
    if ((price - low) / (high - low) > bottom) return null;
    return bracket({
      position: "long",
      price,
      takeProfitPct: 2,
      stopLossPct: 2,
      minuteEstimatedTime: 6 * 60,
    });
  },
});
