import { type Candle, InvalidArgumentError, type StrategySchema } from "@candlewick/core";
import {
  createStrategySchema,
  isStrategyDefinition,
  type ParamOverrides,
  runStrategyOnCandles,
  type StrategyDefinition,
} from "@candlewick/sdk";
import type { z } from "zod";
import type { AnalysisRunOptions } from "../analysis/analysis-run-options.js";
import { withCandleFilesCutAt } from "./cut-candle-files.js";
import { type Decision, sameDecision } from "./decision.js";
import { recordingStrategy } from "./recording-strategy.js";
import { sampleDecisions } from "./sample-decisions.js";

const MINUTE = 60_000;

/** Options of {@link analyzeLookahead}. */
export interface LookaheadOptions<Schema extends z.ZodType = z.ZodType> extends AnalysisRunOptions<Schema> {
  /** Decisions of the full run re-made with the data cut (default 40; every decision when there are fewer). */
  readonly samples?: number;
  /**
   * The folder the candles were read from. While a cut decision runs, reads of its candle files return them cut
   * at the decision's time (see `withCandleFilesCutAt`), so a strategy reading the files directly is caught.
   */
  readonly candleDir?: string;
  /** Called after each cut decision. */
  readonly onSample?: (done: number, total: number) => void;
}

/** A decision that changed when the data after it was taken away. */
export interface LookaheadDifference {
  readonly time: number;
  /** What the strategy decided in the full run. */
  readonly full: Decision;
  /** What it decided on a fresh engine whose candles end at `time`. */
  readonly cut: Decision;
}

/** What {@link analyzeLookahead} found. */
export interface LookaheadReport {
  readonly strategyName: string;
  readonly symbol: string;
  /** `getSignal` calls in the full run, and how many of them returned a signal. */
  readonly decisions: number;
  readonly signals: number;
  /** The full run's decisions that were re-made with the data cut. */
  readonly sampled: readonly Decision[];
  /** Every sampled decision that differs between the full run and its cut run, in time order. */
  readonly differences: readonly LookaheadDifference[];
}

/**
 * Finds look-ahead in strategy code. The engine never shows a strategy a candle that has not closed, but code
 * can still see the future by other ways: reading the candle files itself, or keeping state across runs in its
 * module. This runs the backtest once (every `getSignal` decision recorded), then re-makes a sample of those
 * decisions each on a fresh engine whose candles end at the decision's time, and reports every one that
 * differs: a strategy that only uses what the engine gives it decides the same with or without the future.
 *
 * Indicators fed less history in a cut run than in the full run can also differ slightly (exponential
 * averages forget their seed slowly); `analyzeWarmup` says how much history makes them stable.
 * @throws InvalidArgumentError for a bad strategy, candles, window or sample count.
 */
export async function analyzeLookahead<Schema extends z.ZodType>(
  strategy: StrategyDefinition<Schema> | StrategySchema,
  options: LookaheadOptions<Schema>,
): Promise<LookaheadReport> {
  const component = "analyzeLookahead";
  const { candles } = options;
  if (!Array.isArray(candles) || candles.length === 0) {
    throw new InvalidArgumentError(component, "candles", candles, "a non-empty array of 1m candles");
  }
  const samples = options.samples ?? 40;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new InvalidArgumentError(component, "samples", samples, "a whole number of at least 1");
  }
  const schema = toSchema(component, strategy, options.params);
  const symbol = options.symbol ?? "BTCUSDT";
  const run = (decisions: Decision[], slice: readonly Candle[], from: Date, to: Date) =>
    runStrategyOnCandles(recordingStrategy(schema, decisions), slice, {
      symbol,
      from,
      to,
      errors: "collect",
      ...(options.config === undefined ? {} : { config: options.config }),
    });

  const full: Decision[] = [];
  const from = options.from ?? new Date(candles[0]!.timestamp);
  const to = options.to ?? new Date(candles.at(-1)!.timestamp + MINUTE);
  await run(full, candles, from, to);

  const sampled = sampleDecisions(full, samples);
  const differences: LookaheadDifference[] = [];
  for (const [index, decision] of sampled.entries()) {
    const cut = await cutDecision(decision.time, (decisions) => {
      // The candles closed by the decision's time, and the one opening at it: a tick needs its minute's candle,
      // which no strategy is shown before it closes (architecture/look-ahead.md). Nothing later exists.
      const end = lowerBound(candles, decision.time + 1);
      const slice = candles.slice(0, end);
      const work = () => run(decisions, slice, new Date(decision.time), new Date(decision.time + MINUTE));
      return options.candleDir === undefined
        ? work()
        : withCandleFilesCutAt(options.candleDir, decision.time, work);
    });
    if (!sameDecision(decision, cut)) differences.push({ time: decision.time, full: decision, cut });
    options.onSample?.(index + 1, sampled.length);
  }
  return {
    strategyName: schema.strategyName,
    symbol,
    decisions: full.length,
    signals: full.filter((decision) => decision.signal !== null).length,
    sampled,
    differences,
  };
}

/** The decision a cut run made at `time`, or an error decision saying it made none. */
async function cutDecision(
  time: number,
  runCut: (decisions: Decision[]) => Promise<unknown>,
): Promise<Decision> {
  const decisions: Decision[] = [];
  await runCut(decisions);
  return (
    decisions.find((decision) => decision.time === time) ?? {
      time,
      signal: null,
      error: "getSignal was not called at this time in the cut run",
    }
  );
}

function toSchema<Schema extends z.ZodType>(
  component: string,
  strategy: StrategyDefinition<Schema> | StrategySchema,
  params: ParamOverrides<Schema> | undefined,
): StrategySchema {
  if (isStrategyDefinition(strategy)) return createStrategySchema(strategy, params);
  if (strategy !== null && typeof strategy === "object" && typeof strategy.getSignal === "function") {
    if (params !== undefined) {
      throw new InvalidArgumentError(component, "params", params, "no params for a plain StrategySchema");
    }
    return strategy;
  }
  throw new InvalidArgumentError(
    component,
    "strategy",
    strategy,
    "a defineStrategy result or a StrategySchema",
  );
}

/** Index of the first candle whose open time is at least `time`. */
function lowerBound(candles: readonly Candle[], time: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid]!.timestamp < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
