import { parseArgs } from "node:util";
import { DATA_DIR, measureBacktest } from "./measure-backtest.js";
import { addRsiEmaStrategy } from "./rsi-ema-strategy.js";

// Child process entry: one measurement, JSON on stdout.
const { values } = parseArgs({
  options: {
    symbol: { type: "string", default: "BTCUSDT" },
    days: { type: "string", default: "90" },
    runs: { type: "string", default: "6" },
    dir: { type: "string", default: DATA_DIR },
    start: { type: "string", default: "2025-05-20T00:00:00Z" },
    strategy: { type: "string", default: "sma-cross" },
  },
});
if (values.strategy !== "sma-cross" && values.strategy !== "rsi-ema") {
  throw new Error(`--strategy is "${values.strategy}"; expected sma-cross or rsi-ema`);
}
const measurement = await measureBacktest({
  symbol: values.symbol,
  days: Number(values.days),
  runs: Number(values.runs),
  dataDir: values.dir,
  start: new Date(values.start),
  ...(values.strategy === "rsi-ema" ? { strategy: addRsiEmaStrategy } : {}),
});
process.stdout.write(`${JSON.stringify(measurement)}\n`);
