import { fileURLToPath } from "node:url";
import { addExchange, addFrame, Backtest, createCsvExchange, listenError } from "@candlewick/core";
import { addSmaCrossStrategy } from "./sma-cross-strategy.js";

/** One measurement, printed as JSON by a child process so its peak RSS is its own. */
export interface Measurement {
  readonly symbol: string;
  readonly days: number;
  /** Frame ticks (1m steps) the backtest covers. */
  readonly frames: number;
  readonly trades: number;
  /** First run, including reading and parsing the gzip CSV. */
  readonly coldMs: number;
  /** Later runs over candles already in memory. */
  readonly warmMs: readonly number[];
  readonly peakRssMb: number;
}

export const DATA_DIR = fileURLToPath(new URL("../../data/candles/", import.meta.url));

/** Backtests `symbol` over the first `days` days of `dataDir`'s file, `runs` times, and measures each run. */
export async function measureBacktest(options: {
  symbol: string;
  days: number;
  runs: number;
  dataDir: string;
  start: Date;
  strategy?: (name: string) => void;
}): Promise<Measurement> {
  const { symbol, days, runs, dataDir, start } = options;
  listenError((error) => {
    throw error;
  });
  addExchange(createCsvExchange({ exchangeName: "bench-csv", dir: dataDir }));
  (options.strategy ?? addSmaCrossStrategy)("bench-strategy");
  const end = new Date(start.getTime() + days * 86_400_000);
  addFrame({ frameName: "bench-frame", interval: "1m", startDate: start, endDate: end });
  const frames = (end.getTime() - start.getTime()) / 60_000;
  const times: number[] = [];
  let trades = 0;
  for (let run = 0; run < runs; run++) {
    trades = 0;
    const began = performance.now();
    for await (const result of Backtest.run(symbol, {
      strategyName: "bench-strategy",
      exchangeName: "bench-csv",
      frameName: "bench-frame",
    })) {
      if (result.action === "closed") trades++;
    }
    times.push(performance.now() - began);
  }
  return {
    symbol,
    days,
    frames,
    trades,
    coldMs: times[0]!,
    warmMs: times.slice(1),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
