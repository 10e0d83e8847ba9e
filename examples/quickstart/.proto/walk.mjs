import { Walker } from "@candlewick/core";
import "./setup.mjs";
const out = [];
for (const concurrency of [1, 3]) {
  const t0 = performance.now();
  for await (const p of Walker.run("ETHUSDT", { walkerName: "js-walker", concurrency })) {}
  out.push(JSON.stringify(Walker.getData("js-walker")));
  console.log(concurrency, Math.round(performance.now() - t0), "ms", Walker.getData("js-walker").bestStrategy);
}
console.log("equal", out[0] === out[1], import.meta.resolve ? import.meta.resolve("@candlewick/core") : "");
