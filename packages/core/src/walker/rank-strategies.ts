import { compareMetric, type WalkerMetric } from "../statistics/walker-metric.js";

/** A strategy to rank: its position in the walker's list and its value of the metric. */
export interface RankCandidate {
  readonly index: number;
  readonly metricValue: number | null;
}

/**
 * Sorts candidates best first by `metric` (its direction from `WALKER_METRICS`; null values last, never first),
 * ties kept in the walker's `strategies` order. Returns a new array.
 */
export function rankStrategies<T extends RankCandidate>(metric: WalkerMetric, candidates: readonly T[]): T[] {
  return [...candidates].sort(
    (a, b) => compareMetric(metric, a.metricValue, b.metricValue) || a.index - b.index,
  );
}

/** The best of the candidates, or null when none has a value for the metric. */
export function bestOf<T extends RankCandidate>(metric: WalkerMetric, candidates: readonly T[]): T | null {
  const first = rankStrategies(metric, candidates)[0];
  return first === undefined || first.metricValue === null ? null : first;
}
