/**
 * Setup module of the walker benchmark: real BTCUSDT 1m candles, and eight SMA-cross strategies on 1m closes
 * (same code, different windows), compared by a walker that names this module for its worker threads.
 */
import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  addWalker,
  createCsvExchange,
  getCandleColumns,
  getCandles,
  type SignalDto,
} from "@candlewick/core";

export const BENCH_WALKER = "walker-bench";
export const BENCH_SYMBOL = "BTCUSDT";

/** (fast, slow) windows of the eight strategies. */
const WINDOWS: readonly (readonly [number, number])[] = [
  [5, 20],
  [8, 21],
  [10, 30],
  [12, 26],
  [15, 45],
  [20, 50],
  [10, 60],
  [30, 90],
];

/**
 * The data: `WALKER_BENCH_SPAN=30d` (default) the aligned 30-day set; `90d` the 90-day BTCUSDT file. An
 * environment variable because worker threads see the same environment and import this same module.
 */
const SPANS = {
  "30d": {
    dir: "../../data/candles/sets/spot-2026-03",
    start: "2026-03-23T12:09:00Z",
    end: "2026-04-22T12:08:00Z",
  },
  "90d": { dir: "../../data/candles", start: "2025-05-20T00:00:00Z", end: "2025-08-18T00:00:00Z" },
} as const;
export const BENCH_SPAN = (process.env.WALKER_BENCH_SPAN ?? "30d") as keyof typeof SPANS;
const span = SPANS[BENCH_SPAN];
if (span === undefined) throw new Error(`WALKER_BENCH_SPAN must be one of ${Object.keys(SPANS).join(", ")}`);

addExchange(
  createCsvExchange({
    exchangeName: "walker-bench-csv",
    dir: fileURLToPath(new URL(span.dir, import.meta.url)),
  }),
);
addFrame({
  frameName: "walker-bench-frame",
  interval: "1m",
  startDate: new Date(span.start),
  endDate: new Date(span.end),
});

/**
 * `WALKER_BENCH_WORK=heavy`: every `getSignal` also computes the volatility of the last week (10,080 1m log
 * returns, read zero-copy with `getCandleColumns`) and trades only while it is below 0.08% a minute: a stand-in
 * for a strategy whose own code is the cost.
 */
const HEAVY = process.env.WALKER_BENCH_WORK === "heavy";
const WEEK = 10_080;

/** Sample standard deviation of the log returns of `closes`. */
function volatility(closes: Float64Array): number {
  let sum = 0;
  let squares = 0;
  for (let i = 1; i < closes.length; i++) {
    const r = Math.log(closes[i]! / closes[i - 1]!);
    sum += r;
    squares += r * r;
  }
  const n = closes.length - 1;
  return Math.sqrt((squares - (sum * sum) / n) / (n - 1));
}

/** Mean of the closes of `candles[from, to)`. */
function mean(candles: readonly { close: number }[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += candles[i]!.close;
  return sum / (to - from);
}

const strategies = WINDOWS.map(([fast, slow]) => {
  const strategyName = `bench-sma-${fast}-${slow}`;
  addStrategy({
    strategyName,
    interval: "1m",
    async getSignal(symbol): Promise<SignalDto | null> {
      const candles = await getCandles(symbol, "1m", slow + 1);
      if (candles.length < slow + 1) return null;
      const n = candles.length;
      const up =
        mean(candles, n - fast - 1, n - 1) <= mean(candles, n - slow - 1, n - 1) &&
        mean(candles, n - fast, n) > mean(candles, n - slow, n);
      const down =
        mean(candles, n - fast - 1, n - 1) >= mean(candles, n - slow - 1, n - 1) &&
        mean(candles, n - fast, n) < mean(candles, n - slow, n);
      const price = candles[n - 1]!.close;
      if (HEAVY) {
        const week = await getCandleColumns(symbol, "1m", WEEK + 1);
        if (week.length < WEEK + 1 || volatility(week.close) > 0.0008) return null;
      }
      if (up)
        return {
          position: "long",
          priceTakeProfit: price * 1.01,
          priceStopLoss: price * 0.99,
          minuteEstimatedTime: 240,
        };
      if (down)
        return {
          position: "short",
          priceTakeProfit: price * 0.99,
          priceStopLoss: price * 1.01,
          minuteEstimatedTime: 240,
        };
      return null;
    },
  });
  return strategyName;
});

addWalker({
  walkerName: BENCH_WALKER,
  exchangeName: "walker-bench-csv",
  frameName: "walker-bench-frame",
  strategies,
  setupModule: new URL(import.meta.url),
});
