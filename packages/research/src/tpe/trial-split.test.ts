import { describe, expect, it } from "vitest";
import type { TrialRecord } from "../study/trial-record.js";
import { forgettingWeights, goodCount, splitTrials } from "./trial-split.js";

const trial = (number: number, value: number, violation = 0): TrialRecord => ({
  number,
  params: {},
  value,
  metrics: {},
  constraints: violation === 0 ? [] : [{ name: "c", value: 0, violation }],
  state: violation === 0 ? "complete" : "infeasible",
});

describe("TPE's split of the history", () => {
  it("takes the best γ share, feasible trials before infeasible ones, both groups in trial order", () => {
    const trials = [trial(0, 5), trial(1, 9, 3), trial(2, 7), trial(3, 1), trial(4, 8, 1)];
    const maximize = splitTrials(trials, 2, "maximize");
    expect(maximize.good.map((t) => t.number)).toEqual([0, 2]);
    expect(maximize.bad.map((t) => t.number)).toEqual([1, 3, 4]);
    expect(splitTrials(trials, 2, "minimize").good.map((t) => t.number)).toEqual([0, 3]);
    // With more good slots than feasible trials, the least violating infeasible one comes next.
    expect(splitTrials(trials, 4, "maximize").good.map((t) => t.number)).toEqual([0, 2, 3, 4]);
  });

  it("uses Optuna's γ: ⌈0.1 n⌉ capped at 25", () => {
    expect([1, 10, 11, 100, 249, 251, 1000].map((n) => goodCount(n, 0.1, 25))).toEqual([
      1, 1, 2, 10, 25, 25, 25,
    ]);
  });

  it("forgets old trials linearly beyond the newest 25", () => {
    expect(forgettingWeights(3)).toEqual([1, 1, 1]);
    expect(forgettingWeights(25)).toEqual(new Array(25).fill(1));
    // n = 28: a ramp of 3 from 1/28 to 1, then 25 ones.
    const weights = forgettingWeights(28);
    expect(weights.slice(0, 3).map((w) => Number(w.toFixed(12)))).toEqual(
      [1 / 28, (1 / 28 + 1) / 2, 1].map((w) => Number(w.toFixed(12))),
    );
    expect(weights.slice(3)).toEqual(new Array(25).fill(1));
    expect(forgettingWeights(26)).toEqual([1 / 26, ...new Array(25).fill(1)]);
  });
});
