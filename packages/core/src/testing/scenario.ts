/**
 * Test helpers: registers a unique exchange, strategy and frame for one hand-written scenario, runs the
 * backtest through the public API and collects what it produced.
 */
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type BacktestResult,
  type Candle,
  type CandleInterval,
  type CandlewickConfig,
  type DoneEvent,
  listenDoneBacktest,
  listenError,
  listenSignal,
  type SignalDto,
  type SignalEvent,
  type StrategyCallbacks,
  type StrategySchema,
} from "@candlewick/core";
import { createMemoryExchange, type MemoryExchange, uniqueName } from "./memory-exchange.js";

export type GetSignal = (
  symbol: string,
  when: Date,
) => SignalDto | null | undefined | Promise<SignalDto | null | undefined>;

export interface ScenarioOptions {
  /** Readable prefix of the registered names. */
  readonly label: string;
  /** The 1m candles of `symbol`. */
  readonly candles: readonly Candle[];
  readonly symbol?: string;
  /** Frame `[start, end)` and its tick interval (default 1m). */
  readonly start: number;
  readonly end: number;
  readonly frameInterval?: CandleInterval;
  /** Strategy interval (default 1m). */
  readonly interval?: CandleInterval;
  readonly getSignal: GetSignal;
  readonly callbacks?: StrategyCallbacks;
  readonly onOpenInterval?: StrategySchema["onOpenInterval"];
  readonly riskName?: string;
  readonly config?: Partial<CandlewickConfig>;
}

export interface ScenarioNames {
  readonly strategyName: string;
  readonly exchangeName: string;
  readonly frameName: string;
}

export interface ScenarioOutcome extends ScenarioNames {
  readonly results: BacktestResult[];
  /** Every listenSignal event of this strategy, in order. */
  readonly events: SignalEvent[];
  /** Every error reported on listenError while the run went. */
  readonly errors: Error[];
  readonly done: DoneEvent[];
  readonly exchange: MemoryExchange;
}

/** Registers the scenario's exchange, strategy and frame under fresh names. */
export function registerScenario(options: ScenarioOptions): ScenarioNames & { exchange: MemoryExchange } {
  const symbol = options.symbol ?? "TEST";
  const exchangeName = uniqueName(`${options.label}-exchange`);
  const strategyName = uniqueName(`${options.label}-strategy`);
  const frameName = uniqueName(`${options.label}-frame`);
  const exchange = createMemoryExchange(exchangeName, { [symbol]: options.candles });
  addExchange(exchange);
  addStrategy({
    strategyName,
    interval: options.interval ?? "1m",
    getSignal: options.getSignal,
    ...(options.callbacks === undefined ? {} : { callbacks: options.callbacks }),
    ...(options.onOpenInterval === undefined ? {} : { onOpenInterval: options.onOpenInterval }),
    ...(options.riskName === undefined ? {} : { riskName: options.riskName }),
  });
  addFrame({
    frameName,
    interval: options.frameInterval ?? "1m",
    startDate: new Date(options.start),
    endDate: new Date(options.end),
  });
  return { strategyName, exchangeName, frameName, exchange };
}

/** Runs one scenario to the end and returns its results, events and errors. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioOutcome> {
  const names = registerScenario(options);
  const events: SignalEvent[] = [];
  const errors: Error[] = [];
  const done: DoneEvent[] = [];
  const unsubscribe = [
    listenSignal((event) => {
      if (event.strategyName === names.strategyName) events.push(event);
    }),
    listenError((error) => {
      errors.push(error);
    }),
    listenDoneBacktest((event) => {
      if (event.strategyName === names.strategyName) done.push(event);
    }),
  ];
  const results: BacktestResult[] = [];
  try {
    for await (const result of Backtest.run(options.symbol ?? "TEST", {
      strategyName: names.strategyName,
      exchangeName: names.exchangeName,
      frameName: names.frameName,
      ...(options.config === undefined ? {} : { config: options.config }),
    })) {
      results.push(result);
    }
  } finally {
    for (const stop of unsubscribe) stop();
  }
  return { ...names, results, events, errors, done };
}

/**
 * A `getSignal` that returns `signals[when]` (epoch ms) and null at every other time, and records every time
 * it was asked in `calls`.
 */
export function signalsAt(signals: Readonly<Record<number, SignalDto>>): GetSignal & { calls: number[] } {
  const calls: number[] = [];
  const getSignal = (_symbol: string, when: Date): SignalDto | null => {
    calls.push(when.getTime());
    return signals[when.getTime()] ?? null;
  };
  return Object.assign(getSignal, { calls });
}

/** Net PnL% recomputed from ARCHITECTURE §5, independently of the engine's pnl.ts. */
export function expectedPnl(
  position: "long" | "short",
  open: number,
  close: number,
  feePercent = 0.1,
  slippagePercent = 0.1,
): number {
  const s = slippagePercent / 100;
  const O = position === "long" ? open * (1 + s) : open * (1 - s);
  const C = position === "long" ? close * (1 - s) : close * (1 + s);
  const gross = position === "long" ? ((C - O) / O) * 100 : ((O - C) / O) * 100;
  return gross - feePercent * (1 + C / O);
}
