import { Walker, listenError } from "@candlewick/core";
import "../../../packages/core/src/walker/__fixtures__/walker-setup.ts";
listenError((e) => console.error("ERR", e.message));
for (const concurrency of [1, 2]) {
  const t0 = performance.now();
  for await (const p of Walker.run("BTCUSDT", { walkerName: "fixture-walker", concurrency })) {
    console.log(concurrency, p.strategyName, p.strategiesTested, p.metricValue, p.bestStrategy, p.stats.tradeCount);
  }
  const d = Walker.getData("fixture-walker", "BTCUSDT");
  console.log(concurrency, (performance.now() - t0).toFixed(0), "ms", JSON.stringify(d).length, d.strategies.map((s) => `${s.rank}:${s.strategyName}:${s.metricValue}`).join(" "));
  (globalThis as any)[`d${concurrency}`] = JSON.stringify(d);
}
console.log("equal:", (globalThis as any).d1 === (globalThis as any).d2);
