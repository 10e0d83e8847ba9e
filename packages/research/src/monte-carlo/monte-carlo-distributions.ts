import { InvalidArgumentError } from "@candlewick/core";
import { forEachSimulatedSequence, type MonteCarloMethod, type MonteCarloOptions } from "./monte-carlo.js";
import { pathStatistics } from "./path-statistics.js";
import { percentile } from "./percentiles.js";

/** Counts of values per bin: `counts[i]` values fell in `[edges[i], edges[i + 1])` (the last bin is closed). */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** The return (%) of the compounded equity after trade `trades[k]`, per percentile of the simulations. */
export interface EquityBands {
  /** Trades taken so far at each point (0 = the start, equity 1), at most `maxPoints` of them, ending at n. */
  readonly trades: readonly number[];
  readonly p5: readonly number[];
  readonly p25: readonly number[];
  readonly p50: readonly number[];
  readonly p75: readonly number[];
  readonly p95: readonly number[];
  /** The trades in their real order, at the same points. */
  readonly actual: readonly number[];
  /** Simulations the bands are made of: the first `min(simulations, maxBandSimulations)`. */
  readonly simulations: number;
}

/** What {@link monteCarloDistributions} returns: the shape of one method's simulations, for charts. */
export interface MonteCarloDistributions {
  readonly method: MonteCarloMethod;
  readonly simulations: number;
  readonly bands: EquityBands;
  readonly finalReturnPct: Histogram;
  readonly maxDrawdownPct: Histogram;
  readonly longestLosingStreak: Histogram;
}

/** Limits of {@link monteCarloDistributions}. */
export interface DistributionLimits {
  /** Points along the equity bands (default 120). */
  readonly maxPoints?: number;
  /** Simulations kept for the bands, which hold one equity per point each (default 5,000). */
  readonly maxBandSimulations?: number;
  /** Bins of each histogram (default 30; a losing streak gets one bin per length when fewer). */
  readonly bins?: number;
}

/**
 * The same simulations as {@link monteCarlo} with the same options (same seed, same sequences), kept as
 * distributions: percentile bands of the equity path after each trade, and histograms of the final return, the
 * max drawdown and the longest losing streak over every simulation.
 * @throws InvalidArgumentError for an empty or bad return list, or bad options or limits.
 */
export function monteCarloDistributions(
  returnsPct: readonly number[],
  options: MonteCarloOptions,
  limits: DistributionLimits = {},
): MonteCarloDistributions {
  const maxPoints = positiveInteger("maxPoints", limits.maxPoints ?? 120, 2);
  const maxBandSimulations = positiveInteger("maxBandSimulations", limits.maxBandSimulations ?? 5000, 1);
  const bins = positiveInteger("bins", limits.bins ?? 30, 1);
  const n = returnsPct.length;
  const points = Math.min(maxPoints, n + 1);
  // evenly spaced trade counts from 0 to n, no repeats
  const trades = [...new Set(Array.from({ length: points }, (_, k) => Math.round((k * n) / (points - 1))))];
  const kept: number[][] = trades.map(() => []);
  const finals: number[] = [];
  const drawdowns: number[] = [];
  const streaks: number[] = [];
  forEachSimulatedSequence(returnsPct, options, (sequence, simulation) => {
    const path = pathStatistics(sequence);
    finals.push(path.finalReturnPct);
    drawdowns.push(path.maxDrawdownPct);
    streaks.push(path.longestLosingStreak);
    if (simulation < maxBandSimulations) recordPath(sequence, trades, kept);
  });
  const actual: number[][] = trades.map(() => []);
  recordPath(returnsPct, trades, actual);
  const sorted = kept.map((values) => Array.from(Float64Array.from(values).sort()));
  const band = (q: number) => sorted.map((values) => percentile(values, q));
  return {
    method: options.method,
    simulations: finals.length,
    bands: {
      trades,
      p5: band(5),
      p25: band(25),
      p50: band(50),
      p75: band(75),
      p95: band(95),
      actual: actual.map((values) => values[0]!),
      simulations: Math.min(finals.length, maxBandSimulations),
    },
    finalReturnPct: histogram(finals, bins),
    maxDrawdownPct: histogram(drawdowns, bins),
    longestLosingStreak: histogram(streaks, bins, true),
  };
}

/** Appends the return (%) of the compounded equity after each of `trades[k]` trades of `sequence` to `into[k]`. */
function recordPath(sequence: readonly number[], trades: readonly number[], into: number[][]): void {
  let equity = 1;
  let taken = 0;
  for (const [k, count] of trades.entries()) {
    while (taken < count) equity *= 1 + sequence[taken++]! / 100;
    into[k]!.push((equity - 1) * 100);
  }
}

/**
 * `bins` equal bins from the least to the greatest value; with `integers`, one bin per integer when the range
 * has no more than `bins` of them (a streak of 3 then has a bin of its own). Values that differ by rounding
 * only make one bin.
 */
export function histogram(values: readonly number[], bins: number, integers = false): Histogram {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (values.length === 0) return { edges: [], counts: [] };
  // Values equal but for rounding (a shuffle's final returns: the same product in another order) are one bin.
  const flat = high - low <= 1e-9 * Math.max(1, Math.abs(high));
  const perInteger = integers && !flat && high - low + 1 <= bins;
  const count = flat ? 1 : perInteger ? high - low + 1 : bins;
  const width = flat ? Math.max(high - low, 1e-9) : perInteger ? 1 : (high - low) / count;
  const edges = Array.from({ length: count + 1 }, (_, k) => low + k * width);
  const counts = new Array<number>(count).fill(0);
  for (const value of values) counts[Math.min(Math.floor((value - low) / width), count - 1)]!++;
  return { edges, counts };
}

function positiveInteger(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError("monteCarloDistributions", field, value, `an integer >= ${min}`);
  }
  return value;
}
