import { fileURLToPath } from "node:url";
import {
  type Broker,
  type ClosedResult,
  commitAverageBuy,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  getCandles,
  getPosition,
  type LiveResult,
  type PersistAdapter,
  type SafetyRailOptions,
  type StrategySchema,
} from "@candlewick/core";

// Live runs through test venues (venue-feedback and venue-halts tests) on a replay of real BTCUSDT candles (2026-04-01, 00:00–10:00): the rows must take
// the venue's fills, a refused entry must cancel its signal, a refused close must not pass for a close.
export const dataDir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));
export const START = Date.UTC(2026, 3, 1, 0);
export const END = Date.UTC(2026, 3, 1, 10);
export const MINUTE = 60_000;

/** A long of 0.01 BTC at every boundary it is idle at, ±0.6 %, 60 minutes: decisions that no fill price moves. */
export function bracket(interval: "1m" | "15m"): StrategySchema {
  return {
    strategyName: `bracket-${interval}`,
    interval,
    async getSignal(symbol) {
      const [last] = await getCandles(symbol, "1m", 1);
      if (last === undefined) return null;
      return {
        position: "long",
        priceTakeProfit: last.close * 1.006,
        priceStopLoss: last.close * 0.994,
        minuteEstimatedTime: 60,
        quantity: 0.01,
      };
    },
  };
}
/** The 15m bracket, adding 300 USDT (DCA) at the first interval it is open in. */
export const bracketDca: StrategySchema = {
  ...bracket("15m"),
  strategyName: "bracket-dca",
  onOpenInterval(symbol) {
    if (getPosition(symbol)?.entries.length === 1) commitAverageBuy(symbol, 300);
  },
};
export const STRATEGIES = [bracket("1m"), bracket("15m"), bracketDca];

export interface Run {
  readonly results: LiveResult[];
  readonly errors: Error[];
  readonly fatal: Error | undefined;
}

export async function liveRun(options: {
  readonly strategyName: string;
  readonly broker?: Broker;
  readonly persist?: PersistAdapter;
  readonly rails?: SafetyRailOptions;
  readonly start?: number;
  readonly end?: number;
  /** Stop after the result this returns true for (the state stays, as after a crash). */
  readonly stopAfter?: (result: LiveResult) => boolean;
  /** Called with each result and the replay's clock when the consumer receives it. */
  readonly onResult?: (result: LiveResult, now: number) => void;
}): Promise<Run> {
  const engine = createEngine({ config: { initialCapital: 1e6 } });
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "csv", dir: dataDir }),
    exchangeName: "replay",
    startDate: new Date(options.start ?? START),
    endDate: new Date(options.end ?? END),
  });
  engine.addExchange(replay.exchange);
  for (const strategy of STRATEGIES) engine.addStrategy(strategy);
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results: LiveResult[] = [];
  let fatal: Error | undefined;
  try {
    for await (const result of engine.Live.run("BTCUSDT", {
      strategyName: options.strategyName,
      exchangeName: "replay",
      persist: options.persist ?? createMemoryPersist(),
      ...(options.broker === undefined ? {} : { broker: options.broker }),
      ...(options.rails === undefined ? {} : { rails: options.rails }),
    })) {
      results.push(result);
      options.onResult?.(result, replay.clock.now());
      if (options.stopAfter?.(result)) break;
    }
  } catch (error) {
    fatal = error as Error;
  }
  await engine.dispose();
  return { results, errors, fatal };
}

export const closedOf = (results: readonly LiveResult[]) =>
  results.filter((result): result is ClosedResult => result.action === "closed");
export const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);
