import { addExchange, addFrame, addStrategy, addWalker, createCsvExchange, getCandles } from "@candlewick/core";
import { fileURLToPath } from "node:url";
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "js-csv", dir }));
addFrame({ frameName: "js-frame", interval: "1m", startDate: new Date("2026-04-01T00:00:00Z"), endDate: new Date("2026-04-05T00:00:00Z") });
for (const k of [1, 2, 3]) {
  addStrategy({ strategyName: `js-${k}`, interval: "15m", async getSignal(symbol) {
    const c = await getCandles(symbol, "15m", 3 + k);
    if (c.length < 3 + k) return null;
    const p = c.at(-1).close;
    return c.at(-1).close > c[0].close ? { position: "long", priceTakeProfit: p * 1.01, priceStopLoss: p * 0.99, minuteEstimatedTime: 240 } : null;
  }});
}
addWalker({ walkerName: "js-walker", exchangeName: "js-csv", frameName: "js-frame", strategies: ["js-1", "js-2", "js-3"], setupModule: new URL(import.meta.url) });
