import { type CandleColumns, type CandleInterval, INTERVAL_MS, InvalidArgumentError } from "@candlewick/core";
import { candlesToTable, rollUpCandles, sliceCandleColumns } from "@candlewick/core/internal";
import {
  isStrategyDefinition,
  type PriceSource,
  runStrategyOnCandles,
  type StrategyDefinition,
} from "@candlewick/sdk";
import type { z } from "zod";
import type { AnalysisRunOptions } from "../analysis/analysis-run-options.js";
import { type IndicatorUse, observingDefinition } from "./indicator-use.js";
import { stableHistory } from "./stable-history.js";

/** Options of {@link analyzeWarmup}. */
export interface WarmupOptions<Schema extends z.ZodType = z.ZodType> extends AnalysisRunOptions<Schema> {
  /** Times per indicator at which the dependence on history is measured (default 20, spread evenly). */
  readonly samples?: number;
  /** Largest relative change of a value still called stable (default 1e-4, i.e. 0.01 %). */
  readonly tolerance?: number;
  /** Longest history tried, in candles of the indicator's interval; its value is the reference (default 1000). */
  readonly maxHistory?: number;
}

/** What {@link analyzeWarmup} found for one indicator. */
export interface IndicatorWarmup {
  readonly label: string;
  readonly interval: CandleInterval;
  readonly source: PriceSource;
  /** Times measured (those with at least one value). */
  readonly samples: number;
  /**
   * Minimum warm-up: the fewest candles of history after which the value is within the tolerance of the
   * reference at every sampled time; `null` when no sampled time had a value.
   */
  readonly warmup: number | null;
  /** The shortest reference history among the samples (less than `maxHistory` near the start of the data). */
  readonly reference: number;
  /** Candles the sdk's stream is fed on first use. */
  readonly streamWarmup: number;
  /**
   * The largest relative deviation a value computed from only `streamWarmup` candles had from the reference;
   * `null` when no sample had more history than that (nothing to compare with).
   */
  readonly streamDeviation: number | null;
}

/** What {@link analyzeWarmup} returns. */
export interface WarmupReport {
  readonly strategyName: string;
  readonly symbol: string;
  readonly tolerance: number;
  readonly maxHistory: number;
  /** One entry per distinct indicator the strategy streamed, in the order it first asked for them. */
  readonly indicators: readonly IndicatorWarmup[];
}

/**
 * How the strategy's indicator values depend on the length of history before them. It runs the backtest once,
 * recording every indicator the strategy reads through `ctx.indicators` and when; then, at sampled times, it
 * recomputes each one from 1, 2, ... `maxHistory` candles of history and reports the shortest history after
 * which the value stays within `tolerance` of the longest one. A simple average needs exactly its period; an
 * exponential one forgets its seed geometrically and needs far more. Indicators a strategy computes itself
 * (e.g. `computeIndicator` over `ctx.candles`) are not seen.
 * @throws InvalidArgumentError for a strategy that is not a `defineStrategy` definition, or bad options.
 */
export async function analyzeWarmup<Schema extends z.ZodType>(
  strategy: StrategyDefinition<Schema>,
  options: WarmupOptions<Schema>,
): Promise<WarmupReport> {
  const component = "analyzeWarmup";
  if (!isStrategyDefinition(strategy)) {
    throw new InvalidArgumentError(component, "strategy", strategy, "a defineStrategy definition");
  }
  const { candles } = options;
  if (!Array.isArray(candles) || candles.length === 0) {
    throw new InvalidArgumentError(component, "candles", candles, "a non-empty array of 1m candles");
  }
  const samples = wholeAtLeast(component, "samples", options.samples ?? 20, 1);
  const maxHistory = wholeAtLeast(component, "maxHistory", options.maxHistory ?? 1000, 2);
  const tolerance = options.tolerance ?? 1e-4;
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new InvalidArgumentError(component, "tolerance", tolerance, "a finite number of at least 0");
  }
  const symbol = options.symbol ?? "BTCUSDT";
  const uses = new Map<string, IndicatorUse>();
  const { strategyName } = await runStrategyOnCandles(observingDefinition(strategy, uses), candles, {
    symbol,
    errors: "collect",
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.params === undefined ? {} : { params: options.params }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });

  const series = new Map<CandleInterval, CandleColumns>();
  const columnsAt = (interval: CandleInterval): CandleColumns => {
    let columns = series.get(interval);
    if (columns === undefined) {
      const step = INTERVAL_MS[interval];
      columns = candlesToTable(step === INTERVAL_MS["1m"] ? candles : rollUpCandles(candles, step));
      series.set(interval, columns);
    }
    return columns;
  };

  const indicators = [...uses.values()].map((use): IndicatorWarmup => {
    const columns = columnsAt(use.interval);
    const step = INTERVAL_MS[use.interval];
    let warmup: number | null = null;
    let reference = maxHistory;
    let measured = 0;
    let streamDeviation: number | null = null;
    for (const time of spread(use.times, samples)) {
      // The candles of the indicator's interval closed at `time`: what the strategy could see then.
      const closedCount = lowerBound(columns.timestamp, time - step + 1);
      const closed = sliceCandleColumns(columns, Math.max(0, closedCount - maxHistory), closedCount);
      const found = stableHistory(use.recipe, closed, use.source, {
        maxHistory,
        tolerance,
        probe: use.streamWarmup,
      });
      if (found.needed === null) continue;
      measured++;
      warmup = Math.max(warmup ?? 0, found.needed);
      reference = Math.min(reference, found.reference);
      if (found.reference > use.streamWarmup && found.probeDeviation !== undefined) {
        streamDeviation = Math.max(streamDeviation ?? 0, found.probeDeviation);
      }
    }
    return {
      label: use.label,
      interval: use.interval,
      source: use.source,
      samples: measured,
      warmup,
      reference,
      streamWarmup: use.streamWarmup,
      streamDeviation,
    };
  });
  return { strategyName, symbol, tolerance, maxHistory, indicators };
}

function wholeAtLeast(component: string, field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(component, field, value, `a whole number of at least ${min}`);
  }
  return value;
}

/** `count` of `items`, evenly spaced, first and last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count === 1) return [items.at(-1)!];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)]!);
}

/** Index of the first value at least `value`. */
function lowerBound(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
