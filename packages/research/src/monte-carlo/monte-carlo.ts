import { InvalidArgumentError } from "@candlewick/core";
import { createRandomSource, type RandomSource } from "../random/random-source.js";
import { checkReturns, type PathStatistics, pathStatistics } from "./path-statistics.js";
import { type Percentiles, percentilesOf } from "./percentiles.js";

/**
 * `shuffle`: the same trades in a random order (final return unchanged, path risk varies). `bootstrap`: as many
 * trades drawn with replacement (final return varies too).
 */
export type MonteCarloMethod = "shuffle" | "bootstrap";

/** Options of {@link monteCarlo}. */
export interface MonteCarloOptions {
  readonly method: MonteCarloMethod;
  /** Simulated sequences (default 1,000). */
  readonly simulations?: number;
  readonly seed: number;
}

/** What {@link monteCarlo} returns. */
export interface MonteCarloResult {
  readonly method: MonteCarloMethod;
  readonly simulations: number;
  readonly tradeCount: number;
  /** The trades in their real order. */
  readonly actual: PathStatistics;
  readonly finalReturnPct: Percentiles;
  readonly maxDrawdownPct: Percentiles;
  readonly longestLosingStreak: Percentiles;
}

/**
 * Monte Carlo of a list of trade returns: `simulations` reordered (shuffle) or resampled (bootstrap) sequences,
 * each compounded from an equity of 1, and the percentiles of their final return, max drawdown and longest
 * losing streak. Simulation `i` draws from its own stream of `seed`, so results are reproducible.
 *
 * @example monteCarlo(result.trades.map((trade) => trade.pnl.pnlPercentage), { method: "shuffle", seed: 1 })
 * @throws InvalidArgumentError for an empty or bad return list, or bad options.
 */
export function monteCarlo(returnsPct: readonly number[], options: MonteCarloOptions): MonteCarloResult {
  const paths = simulatePaths(returnsPct, options);
  return {
    method: options.method,
    simulations: paths.length,
    tradeCount: returnsPct.length,
    actual: pathStatistics(returnsPct),
    finalReturnPct: percentilesOf(paths.map((path) => path.finalReturnPct)),
    maxDrawdownPct: percentilesOf(paths.map((path) => path.maxDrawdownPct)),
    longestLosingStreak: percentilesOf(paths.map((path) => path.longestLosingStreak)),
  };
}

/**
 * The statistics of each simulated sequence of {@link monteCarlo}, in simulation order (for histograms and
 * your own statistics).
 * @throws InvalidArgumentError for an empty or bad return list, or bad options.
 */
export function simulatePaths(returnsPct: readonly number[], options: MonteCarloOptions): PathStatistics[] {
  const paths: PathStatistics[] = [];
  forEachSimulatedSequence(returnsPct, options, (sequence) => {
    paths.push(pathStatistics(sequence));
  });
  return paths;
}

/**
 * Calls `visit` with each simulated sequence of trade returns of {@link monteCarlo}, in simulation order. The
 * array is reused between calls (read it, do not keep it), so every consumer sees exactly the sequences the
 * percentiles are computed from.
 * @throws InvalidArgumentError for an empty or bad return list, or bad options.
 */
export function forEachSimulatedSequence(
  returnsPct: readonly number[],
  options: MonteCarloOptions,
  visit: (sequence: readonly number[], simulation: number) => void,
): void {
  const component = "monteCarlo";
  checkReturns(component, returnsPct);
  if (returnsPct.length === 0) {
    throw new InvalidArgumentError(component, "returnsPct", returnsPct, "at least one trade return");
  }
  const { method, seed } = options ?? {};
  const simulations = options.simulations ?? 1000;
  if (method !== "shuffle" && method !== "bootstrap") {
    throw new InvalidArgumentError(component, "method", method, '"shuffle" or "bootstrap"');
  }
  if (!Number.isSafeInteger(simulations) || simulations < 1) {
    throw new InvalidArgumentError(component, "simulations", simulations, "an integer >= 1");
  }
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError(component, "seed", seed, "a safe integer");
  // shuffle: each simulation reshuffles the previous order (a fresh permutation either way)
  const sequence = [...returnsPct];
  for (let simulation = 0; simulation < simulations; simulation++) {
    const random = createRandomSource(seed, simulation);
    visit(method === "shuffle" ? shuffleInPlace(sequence, random) : resample(returnsPct, random), simulation);
  }
}

/** Fisher–Yates: every order equally likely. */
export function shuffleInPlace<Value>(values: Value[], random: RandomSource): Value[] {
  for (let index = values.length - 1; index > 0; index--) {
    const other = random.integer(0, index);
    const swap = values[index]!;
    values[index] = values[other]!;
    values[other] = swap;
  }
  return values;
}

/** `values.length` draws with replacement. */
export function resample<Value>(values: readonly Value[], random: RandomSource): Value[] {
  return Array.from({ length: values.length }, () => values[random.integer(0, values.length - 1)]!);
}
