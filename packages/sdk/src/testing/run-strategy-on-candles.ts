import {
  type BacktestData,
  type BacktestResult,
  type Candle,
  type CandlewickConfig,
  type ClosedResult,
  createEngine,
  getConfig,
  InvalidArgumentError,
  type StrategySchema,
} from "@candlewick/core";
import type { z } from "zod";
import { createStrategySchema } from "../define/create-strategy-schema.js";
import { isStrategyDefinition, type StrategyDefinition } from "../define/define-strategy.js";
import type { ParamOverrides } from "../define/resolve-params.js";
import { createMemoryExchange } from "./create-memory-exchange.js";

/** Options of {@link runStrategyOnCandles}. */
export interface RunOnCandlesOptions<Schema extends z.ZodType = z.ZodType> {
  /** Parameter overrides of a `defineStrategy` definition (validated like `registerStrategy`). */
  readonly params?: ParamOverrides<Schema>;
  /** Symbol the candles are served as. Default `"BTCUSDT"`. */
  readonly symbol?: string;
  /** Start of the backtest. Default: the first candle's open time. Candles before it serve as history. */
  readonly from?: Date;
  /** Exclusive end. Default: one minute after the last candle's open time. */
  readonly to?: Date;
  /** Per-run config overrides (fees, fill model, ...). */
  readonly config?: Partial<CandlewickConfig>;
  /**
   * `"throw"` (default): an error the strategy caused during the run (a throwing `getSignal`, a rejected signal)
   * rejects the returned promise after the run, so a test cannot pass over it. `"collect"`: return them in `errors`.
   */
  readonly errors?: "throw" | "collect";
}

/** What {@link runStrategyOnCandles} returns. */
export interface StrategyRunResult {
  /** The name the strategy ran under (its own; each run has an engine of its own, so names never collide). */
  readonly strategyName: string;
  /** Closed trades, in close order. */
  readonly trades: readonly ClosedResult[];
  /** Every result the backtest yielded (closed and cancelled signals), in order. */
  readonly results: readonly BacktestResult[];
  /** Core's statistics over the trades (`Backtest.getData`). */
  readonly stats: BacktestData;
  /** Errors reported for this run (empty unless `errors: "collect"`). */
  readonly errors: readonly Error[];
}

/**
 * Backtests a strategy on the 1m candles you give it, for the strategy's own unit tests: on a throwaway engine
 * (starting from the default engine's config, so a `setConfig` in the test setup applies) it registers an
 * in-memory exchange, a frame and the strategy, runs `Backtest.run` over `[from, to)`, returns the trades with
 * core's statistics and disposes the engine. Nothing is left registered, and tests running at once never see
 * each other.
 *
 * @example
 * const candles = await loadCandleFixture("BTCUSDT");
 * const { trades, stats } = await runStrategyOnCandles(emaCross, candles, { params: { fast: 5 } });
 * expect(stats.tradeCount).toBeGreaterThan(0);
 */
export async function runStrategyOnCandles<Schema extends z.ZodType>(
  strategy: StrategyDefinition<Schema> | StrategySchema,
  candles: readonly Candle[],
  options: RunOnCandlesOptions<Schema> = {},
): Promise<StrategyRunResult> {
  const component = "runStrategyOnCandles";
  if (!Array.isArray(candles) || candles.length === 0) {
    throw new InvalidArgumentError(component, "candles", candles, "a non-empty array of 1m candles");
  }
  const symbol = options.symbol ?? "BTCUSDT";
  let schema: StrategySchema;
  if (isStrategyDefinition(strategy)) {
    schema = createStrategySchema(strategy, options.params);
  } else if (strategy !== null && typeof strategy === "object" && typeof strategy.getSignal === "function") {
    if (options.params !== undefined) {
      throw new InvalidArgumentError(
        component,
        "params",
        options.params,
        "no params for a plain StrategySchema",
      );
    }
    schema = strategy;
  } else {
    throw new InvalidArgumentError(
      component,
      "strategy",
      strategy,
      "a defineStrategy result or a StrategySchema",
    );
  }
  const exchangeName = "sdk-test-exchange";
  const frameName = "sdk-test-frame";
  const engine = createEngine({ name: `${component}(${schema.strategyName})`, config: getConfig() });
  try {
    engine.addExchange(createMemoryExchange(exchangeName, symbol, candles));
    engine.addFrame({
      frameName,
      interval: "1m",
      startDate: options.from ?? new Date(candles[0]!.timestamp),
      endDate: options.to ?? new Date(candles.at(-1)!.timestamp + 60_000),
    });
    engine.addStrategy(schema);

    // The engine is this run's alone: every error it reports is this run's.
    const errors: Error[] = [];
    engine.listenError((error) => {
      errors.push(error);
    });
    const results: BacktestResult[] = [];
    for await (const result of engine.Backtest.run(symbol, {
      strategyName: schema.strategyName,
      exchangeName,
      frameName,
      ...(options.config === undefined ? {} : { config: options.config }),
    })) {
      results.push(result);
    }
    if (errors.length > 0 && (options.errors ?? "throw") === "throw") {
      throw errors[0];
    }
    const stats = engine.Backtest.getData(schema.strategyName);
    return {
      strategyName: schema.strategyName,
      trades: stats.signalList,
      results,
      stats,
      errors,
    };
  } finally {
    await engine.dispose();
  }
}
