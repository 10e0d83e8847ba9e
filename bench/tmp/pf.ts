import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine, getCandles } from "@candlewick/core";
const dataDir = fileURLToPath(new URL("../../data/candles/sets/spot-2026-03", import.meta.url));
function engineWith() {
  const engine = createEngine({ config: { initialCapital: 1e9 } });
  engine.addExchange(createCsvExchange({ exchangeName: "x", dir: dataDir }));
  engine.addFrame({ frameName: "f", interval: "1m", startDate: new Date("2026-03-24T00:00:00Z"), endDate: new Date("2026-04-22T00:00:00Z") });
  engine.addStrategy({
    strategyName: "b", interval: "15m",
    async getSignal(symbol) {
      const c = await getCandles(symbol, "1m", 61);
      if (c.length < 61) return null;
      const p = c.at(-1)!.close;
      if (p <= Math.max(...c.slice(0, -1).map((x) => x.high))) return null;
      return { position: "long", priceTakeProfit: p * 1.01, priceStopLoss: p * 0.99, minuteEstimatedTime: 240 };
    },
  });
  return engine;
}
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
for (let round = 0; round < 3; round++) {
  const e1 = engineWith();
  let t = performance.now(); let n = 0;
  for await (const r of e1.Portfolio.run({ symbols, strategies: ["b"], exchangeName: "x", frameName: "f" })) n++;
  const tp = performance.now() - t;
  const e2 = engineWith();
  t = performance.now(); let m = 0;
  for (const s of symbols) for await (const r of e2.Backtest.run(s, { strategyName: "b", exchangeName: "x", frameName: "f" })) m++;
  console.log(`portfolio ${tp.toFixed(1)} ms (${n})  independent ${(performance.now() - t).toFixed(1)} ms (${m})`);
}
