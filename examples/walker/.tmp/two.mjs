import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { addExchange, addFrame, addStrategy, Backtest, createCsvExchange, getCandles } from "@candlewick/core";
import { fileURLToPath } from "node:url";
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "x", dir }));
addFrame({ frameName: "f", interval: "1m", startDate: new Date("2026-03-24T00:00:00Z"), endDate: new Date("2026-04-22T00:00:00Z") });
addStrategy({ strategyName: "s", interval: "1m", async getSignal(symbol) {
  const c = await getCandles(symbol, "1m", 51);
  if (c.length < 51) return null;
  const p = c.at(-1).close; const m = c.reduce((a, x) => a + x.close, 0) / c.length;
  return p > m * 1.003 ? { position: "long", priceTakeProfit: p * 1.01, priceStopLoss: p * 0.99, minuteEstimatedTime: 240 } : null;
}});
async function runs(n) {
  for (let i = 0; i < n; i++) { for await (const _ of Backtest.run("ETHUSDT", { strategyName: "s", exchangeName: "x", frameName: "f" })) {} }
}
if (isMainThread) {
  let t = performance.now();
  await runs(12);
  console.log("main 12 runs", Math.round(performance.now() - t));
  t = performance.now();
  await Promise.all([0, 1].map(() => new Promise((resolve) => { const w = new Worker(new URL(import.meta.url)); w.on("message", () => { w.terminate(); resolve(); }); })));
  console.log("2 workers x 6 runs (incl. start-up + CSV)", Math.round(performance.now() - t));
} else {
  await runs(6);
  parentPort.postMessage("done");
}
