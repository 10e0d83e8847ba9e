import { Worker } from "node:worker_threads";
import { addExchange, addFrame, Backtest, createCsvExchange } from "@candlewick/core";
import { addSmaCrossStrategy } from "./sma-cross-strategy.js";

/** The aligned 30-day spot set: three symbols over the same minutes. */
export const SET = { dir: "sets/spot-2026-03", start: "2026-03-23T12:09:00Z", end: "2026-04-22T12:08:00Z" };
export const SET_SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"] as const;

/** Backtests the three symbols concurrently in this thread (Promise.all), as the seed shows. */
export async function runSymbolsInOneThread(dataDir: string, rounds: number): Promise<number[]> {
  addExchange(createCsvExchange({ exchangeName: "set-csv", dir: dataDir }));
  addSmaCrossStrategy("set-strategy");
  addFrame({
    frameName: "set-frame",
    interval: "1m",
    startDate: new Date(SET.start),
    endDate: new Date(SET.end),
  });
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const began = performance.now();
    await Promise.all(
      SET_SYMBOLS.map(async (symbol) => {
        for await (const _ of Backtest.run(symbol, {
          strategyName: "set-strategy",
          exchangeName: "set-csv",
          frameName: "set-frame",
        })) {
          // consume
        }
      }),
    );
    times.push(performance.now() - began);
  }
  return times;
}

/** Backtests each symbol in its own worker thread; resolves with the wall time of each round. */
export async function runSymbolsInWorkers(dataDir: string, rounds: number): Promise<number[]> {
  const workerUrl = new URL("./worker-bootstrap.mjs", import.meta.url);
  const workers = SET_SYMBOLS.map(
    (symbol) =>
      new Worker(workerUrl, {
        workerData: { symbol, dataDir, start: SET.start, end: SET.end },
        execArgv: ["--conditions=@candlewick/source"],
      }),
  );
  const ask = (worker: Worker): Promise<number> =>
    new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage("run");
    });
  const times: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const began = performance.now();
      await Promise.all(workers.map(ask));
      times.push(performance.now() - began);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return times;
}
