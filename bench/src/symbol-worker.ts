import { parentPort, workerData } from "node:worker_threads";
import { addExchange, addFrame, Backtest, createCsvExchange } from "@candlewick/core";
import { addSmaCrossStrategy } from "./sma-cross-strategy.js";

// A worker that backtests one symbol each time it is asked and answers with the elapsed milliseconds.
const { symbol, dataDir, start, end } = workerData as {
  symbol: string;
  dataDir: string;
  start: string;
  end: string;
};
addExchange(createCsvExchange({ exchangeName: "worker-csv", dir: dataDir }));
addSmaCrossStrategy("worker-strategy");
addFrame({ frameName: "worker-frame", interval: "1m", startDate: new Date(start), endDate: new Date(end) });

parentPort!.on("message", async () => {
  const began = performance.now();
  for await (const _ of Backtest.run(symbol, {
    strategyName: "worker-strategy",
    exchangeName: "worker-csv",
    frameName: "worker-frame",
  })) {
    // consume
  }
  parentPort!.postMessage(performance.now() - began);
});
