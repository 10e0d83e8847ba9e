import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { bracket, candleFixtureDir, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";
import { futureOpenTime, lastClosedOpenTime } from "./future-close.js";

/** Closes by open time, read straight from the candle file (the cheat: the engine is not asked). */
function closesFromFile(): Map<number, number> {
  const text = gunzipSync(readFileSync(`${candleFixtureDir()}BTCUSDT-1m.csv.gz`)).toString("utf8");
  const closes = new Map<number, number>();
  for (const line of text.split("\n")) {
    const [timestamp, , , , close] = line.split(",");
    if (timestamp !== undefined && /^\d+$/.test(timestamp)) closes.set(Number(timestamp), Number(close));
  }
  return closes;
}

/** Deliberately cheats: goes long when the file says the close one hour ahead is higher than the last close. */
export default defineStrategy({
  name: "file-peeking",
  interval: "1h",
  params: z.object({}),
  defaults: {},
  async getSignal(ctx) {
    const closes = closesFromFile();
    const later = closes.get(futureOpenTime(ctx.when));
    const last = closes.get(lastClosedOpenTime(ctx.when));
    if (later === undefined || last === undefined || later <= last) return null;
    return bracket({ position: "long", price: await ctx.marketPrice(), takeProfitPct: 5, stopLossPct: 5, minuteEstimatedTime: 59 });
  },
});
