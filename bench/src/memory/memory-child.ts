import { parseArgs } from "node:util";
import { createCsvExchange, createEngine, type Engine, type ExchangeSchema } from "@candlewick/core";
import { DATA_DIR } from "../measure-backtest.js";
import { createShiftedPortfolio } from "../shifted/shifted-portfolio.js";
import { smaCrossStrategy } from "../sma-cross-strategy.js";
import { countingExchange } from "./counting-exchange.js";

/** One memory measurement, printed as JSON by a child process so its peak RSS is its own. */
export interface MemoryMeasurement {
  readonly scenario: Scenario;
  /** Backtests run (0: the baseline, set up but nothing loaded into an engine). */
  readonly backtests: number;
  readonly trades: number;
  /** 1m candles the engines hold once every backtest ran. */
  readonly candlesHeld: number;
  /** Wall time of all the backtests (the source files were read before the clock started). */
  readonly ms: number;
  /** CPU time (user + system) over the same span: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

/**
 * `engines`: `count` engines of their own (as an optimiser's trials would be), each backtesting BTCUSDT over
 * the same 7 days, all kept alive to the end. `symbols`: one engine backtesting `count` symbols of the shifted
 * portfolio over the same 30 days, one after the other. `portfolio`: the same symbols in one `Portfolio.run`, on
 * one clock and one account of `--capital` (100 per entry: below 10 000 the entries compete for the cash).
 */
export type Scenario = "engines" | "symbols" | "portfolio";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "engines" },
    count: { type: "string", default: "200" },
    capital: { type: "string", default: "1e9" },
  },
});
const scenario = values.scenario as Scenario;
if (scenario !== "engines" && scenario !== "symbols" && scenario !== "portfolio") {
  throw new Error(`--scenario is "${values.scenario}"; expected engines, symbols or portfolio`);
}
const count = Number(values.count);

const setup =
  scenario === "engines"
    ? {
        source: createCsvExchange({ exchangeName: "bench-csv", dir: DATA_DIR }) as ExchangeSchema,
        symbols: ["BTCUSDT"],
        baseSymbols: ["BTCUSDT"],
        startDate: new Date("2025-05-21T00:00:00Z"),
        endDate: new Date("2025-05-28T00:00:00Z"),
      }
    : (() => {
        const portfolio = createShiftedPortfolio();
        const baseSymbols = [...new Set(portfolio.exchange.symbols.map((entry) => entry.baseSymbol))];
        return { ...portfolio, baseSymbols, source: portfolio.exchange as ExchangeSchema };
      })();
// Read the source files first (the baseline holds them too), so only what the engines keep is measured.
for (const symbol of setup.baseSymbols) {
  await setup.source.getCandles(symbol, "1m", setup.startDate, 1);
}
const counting = countingExchange(setup.source);

function engineWithSetup(): Engine {
  const engine = createEngine(
    scenario === "portfolio" ? { config: { initialCapital: Number(values.capital) } } : {},
  );
  engine.addExchange(counting.exchange);
  engine.addStrategy(smaCrossStrategy("bench-strategy"));
  engine.addFrame({
    frameName: "bench-frame",
    interval: "1m",
    startDate: setup.startDate,
    endDate: setup.endDate,
  });
  engine.listenError((error) => {
    throw error;
  });
  return engine;
}

async function backtest(engine: Engine, symbol: string): Promise<number> {
  let trades = 0;
  for await (const result of engine.Backtest.run(symbol, {
    strategyName: "bench-strategy",
    exchangeName: counting.exchange.exchangeName,
    frameName: "bench-frame",
  })) {
    if (result.action === "closed") trades++;
  }
  return trades;
}

const began = performance.now();
const cpuBefore = process.cpuUsage();
const engines: Engine[] = [];
let trades = 0;
if (scenario === "engines") {
  for (let k = 0; k < count; k++) {
    const engine = engineWithSetup();
    engines.push(engine);
    trades += await backtest(engine, "BTCUSDT");
  }
} else if (scenario === "symbols") {
  const engine = engineWithSetup();
  engines.push(engine);
  for (const symbol of setup.symbols.slice(0, count)) trades += await backtest(engine, symbol);
} else if (count > 0) {
  const engine = engineWithSetup();
  engines.push(engine);
  for await (const result of engine.Portfolio.run({
    symbols: setup.symbols.slice(0, count),
    strategies: ["bench-strategy"],
    exchangeName: counting.exchange.exchangeName,
    frameName: "bench-frame",
  })) {
    if (result.action === "closed") trades++;
  }
}
const ms = performance.now() - began;
const cpu = process.cpuUsage(cpuBefore);
const measurement: MemoryMeasurement = {
  scenario,
  backtests: count,
  trades,
  candlesHeld: counting.served(),
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
// Disposed only now: until the figure is taken, the engines and their candles stay referenced.
await Promise.all(engines.map((engine) => engine.dispose()));
process.stdout.write(`${JSON.stringify(measurement)}\n`);
