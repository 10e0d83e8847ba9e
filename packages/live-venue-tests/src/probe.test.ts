import { getCandles, type StrategySchema } from "@candlewick/core";
import { it } from "vitest";
import { closedOf, runOnVenue, START, MINUTE } from "./support/venue-run.js";

const every30: StrategySchema = {
  strategyName: "every-30",
  interval: "30m",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 2);
    const price = candles.at(-1)!.close;
    return { position: "long", quantity: 0.01, priceTakeProfit: price * 1.03, priceStopLoss: price * 0.97, minuteEstimatedTime: 10 };
  },
};

it("probe", async () => {
  const t = Date.now();
  const run = await runOnVenue({ strategy: every30, symbols: ["BTCUSDT"], end: START + 120 * MINUTE });
  console.log(Date.now() - t, run.errors);
  for (const c of closedOf(run.results.get("BTCUSDT"))) console.log(JSON.stringify({e: c.signal.entries, x: c.signal.exits, ct: c.closeTimestamp}));
  console.log(run.venue.trades());
  console.log(run.venue.log.map(r => `${r.method} ${r.path} ${r.status} ${r.binanceCode}`).join("\n"));
  await run.venue.stop();
});
