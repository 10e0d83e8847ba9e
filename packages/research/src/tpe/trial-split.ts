import type { Direction } from "../samplers/sampler.js";
import type { TrialRecord } from "../study/trial-record.js";

/**
 * Orders trials best first: feasible ones by value, then infeasible ones by total constraint violation (ties by
 * trial number), and splits off the best `count` as the "good" group of TPE. Both groups come back in trial order.
 */
export function splitTrials(
  trials: readonly TrialRecord[],
  count: number,
  direction: Direction,
): { readonly good: TrialRecord[]; readonly bad: TrialRecord[] } {
  const sign = direction === "maximize" ? -1 : 1;
  const ranked = [...trials].sort((a, b) => {
    const aFeasible = a.state === "complete";
    const bFeasible = b.state === "complete";
    if (aFeasible !== bFeasible) return aFeasible ? -1 : 1;
    const byScore = aFeasible ? sign * (a.value - b.value) : totalViolation(a) - totalViolation(b);
    return byScore || a.number - b.number;
  });
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  return { good: ranked.slice(0, count).sort(byNumber), bad: ranked.slice(count).sort(byNumber) };
}

function totalViolation(trial: TrialRecord): number {
  return trial.constraints.reduce((sum, outcome) => sum + outcome.violation, 0);
}

/** Optuna's default γ: the best `min(⌈fraction · n⌉, cap)` of n trials are "good". */
export function goodCount(trialCount: number, fraction: number, cap: number): number {
  return Math.min(Math.ceil(fraction * trialCount), cap);
}

/**
 * Observation weights in trial order: all 1 up to `recent` trials; beyond, the older ones ramp linearly from
 * `1/n` up to 1 and the newest `recent` keep 1 (hyperopt's "linear forgetting", Optuna's default with 25).
 */
export function forgettingWeights(count: number, recent = 25): number[] {
  if (count <= recent) return new Array<number>(count).fill(1);
  const ramp = count - recent;
  const first = 1 / count;
  const older =
    ramp === 1
      ? [first]
      : Array.from({ length: ramp }, (_, index) => first + ((1 - first) * index) / (ramp - 1));
  return [...older, ...new Array<number>(recent).fill(1)];
}
