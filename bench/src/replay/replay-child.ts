import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import {
  addExchange,
  addFrame,
  Backtest,
  type ClosedResult,
  createMemoryPersist,
  createReplay,
  Live,
  listenError,
  setConfig,
} from "@candlewick/core";
import { DATA_DIR } from "../measure-backtest.js";
import { addSmaCrossStrategy } from "../sma-cross-strategy.js";
import { createHourShiftedExchange } from "./hour-shifted-exchange.js";

/** One replay-bench measurement, printed as JSON by a child process. */
export interface ReplayMeasurement {
  readonly mode: ReplayMode;
  readonly symbols: number;
  /** Symbol-ticks: 1m steps of every symbol (backtest: frame minutes; replay: live ticks, tail included). */
  readonly symbolTicks: number;
  readonly trades: number;
  /** SHA-256 of every trade opened in the frame, without what names its run (id, mode, frame, exchange). */
  readonly tradesHash: string;
  readonly ms: number;
  /** CPU time of the process (user + system) over the same span: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

/**
 * `backtest`: one Backtest per symbol, one after the other. `replay`: one replay, a Live run per symbol, each
 * asking the replay for its candle every tick. `prefetch`: the same on a replay created with `prefetch: true`.
 */
export type ReplayMode = "backtest" | "replay" | "prefetch";

/** The week every symbol is run over; the last symbol (shifted 99 × 12 h) still has a day of warm-up before it. */
export const FRAME_START = Date.parse("2025-07-12T00:00:00Z");
export const FRAME_END = Date.parse("2025-07-19T00:00:00Z");
/** The strategy's lifetime: a replay goes on this long past the frame, so its last positions close as a backtest's do. */
const TAIL_MS = 240 * 60_000;

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "replay" },
    count: { type: "string", default: "200" },
    dump: { type: "boolean", default: false },
  },
});
const mode = values.mode as ReplayMode;
if (mode !== "backtest" && mode !== "replay" && mode !== "prefetch") {
  throw new Error(`--mode is "${values.mode}"; expected backtest, replay or prefetch`);
}
const count = Number(values.count);
listenError((error) => {
  throw error;
});
// The Live runs of one exchange share one account; capital for every symbol's fixed-cost position (100 by default)
// at once keeps a cash check from refusing an entry a lone backtest makes, so the two modes can be compared.
setConfig({ initialCapital: 1_000 * count });

const source = createHourShiftedExchange({
  count,
  dir: DATA_DIR,
  baseSymbols: ["BTCUSDT", "ETHUSDT"],
  shiftHours: 12,
  exchangeName: "shifted",
});
// Read and parse the files before the clock starts: both modes then start from candles in memory.
for (const base of ["BTCUSDT", "ETHUSDT"]) await source.getCandles(base, "1m", new Date(FRAME_START), 1);
addSmaCrossStrategy("bench-strategy");
const symbols = source.symbols.map((entry) => entry.symbol);
const trades = new Map<string, ClosedResult[]>(symbols.map((symbol) => [symbol, []]));

const began = performance.now();
const cpuBefore = process.cpuUsage();
let symbolTicks: number;
if (mode === "backtest") {
  addExchange(source);
  addFrame({
    frameName: "bench-frame",
    interval: "1m",
    startDate: new Date(FRAME_START),
    endDate: new Date(FRAME_END),
  });
  for (const symbol of symbols) {
    for await (const result of Backtest.run(symbol, {
      strategyName: "bench-strategy",
      exchangeName: source.exchangeName,
      frameName: "bench-frame",
    })) {
      if (result.action === "closed") trades.get(symbol)!.push(result);
    }
  }
  symbolTicks = (count * (FRAME_END - FRAME_START)) / 60_000;
} else {
  // Starts a minute early: the first live tick is then the backtest's first tick.
  const replay = createReplay({
    source,
    exchangeName: "shifted-replay",
    startDate: new Date(FRAME_START - 60_000),
    endDate: new Date(FRAME_END + TAIL_MS),
    prefetch: mode === "prefetch",
  });
  addExchange(replay.exchange);
  const persist = createMemoryPersist();
  await Promise.all(
    symbols.map(async (symbol) => {
      for await (const result of Live.run(symbol, {
        strategyName: "bench-strategy",
        exchangeName: replay.exchange.exchangeName,
        persist,
      })) {
        // The tail is there to close positions; a backtest opens none past its frame.
        if (result.action === "closed" && result.signal.scheduledAt < FRAME_END) {
          trades.get(symbol)!.push(result);
        }
      }
    }),
  );
  symbolTicks = (count * (FRAME_END + TAIL_MS - FRAME_START)) / 60_000;
}
const ms = performance.now() - began;
const cpu = process.cpuUsage(cpuBefore);

/** A trade without what names its run. */
function comparable(trade: ClosedResult) {
  const { signal, frameName: _f, backtest: _b, exchangeName: _e, ...rest } = trade;
  const { id: _id, frameName: _sf, exchangeName: _se, ...row } = signal;
  return { ...rest, signal: row };
}
const all = symbols.flatMap((symbol) => trades.get(symbol)!.map(comparable));
if (values.dump) process.stderr.write(`${JSON.stringify(all, null, 1)}\n`);
const measurement: ReplayMeasurement = {
  mode,
  symbols: count,
  symbolTicks,
  trades: all.length,
  tradesHash: createHash("sha256").update(JSON.stringify(all)).digest("hex"),
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(measurement)}\n`);
