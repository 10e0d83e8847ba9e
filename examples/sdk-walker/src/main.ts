import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addWalker,
  createCsvExchange,
  listenError,
  setReporter,
  Walker,
} from "@candlewick/core";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";
import { registerStrategy } from "@candlewick/sdk";
import { rsiMeanReversion } from "./rsi-mean-reversion.js";

// Real Binance spot 1m candles shipped with the repository (data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "binance-files", dir: dataDir }));
addFrame({
  frameName: "june-2025",
  interval: "1m",
  startDate: new Date("2025-06-01T00:00:00Z"),
  endDate: new Date("2025-07-01T00:00:00Z"),
});

// One definition, two parameter sets: registered as "rsi-mean-reversion:overbought=75,oversold=25" and so on.
const strategies = [
  registerStrategy(rsiMeanReversion, { oversold: 25, overbought: 75 }),
  registerStrategy(rsiMeanReversion, { oversold: 35, overbought: 65 }),
];
addWalker({
  walkerName: "rsi-bands",
  exchangeName: "binance-files",
  frameName: "june-2025",
  strategies,
  metric: "sharpeRatio",
});
setReporter(createMarkdownReporter());
listenError((error) => console.error(`error: ${error.message}`));

for await (const progress of Walker.run("BTCUSDT", { walkerName: "rsi-bands" })) {
  console.error(`tested ${progress.strategyName} (${progress.strategiesTested}/${progress.totalStrategies})`);
}
const data = Walker.getData("rsi-bands", "BTCUSDT");
console.log(Walker.getReport("rsi-bands", "BTCUSDT"));
console.log(`Best by ${data.metricLabel}: ${data.bestStrategy ?? "none (no strategy has a value)"}`);
