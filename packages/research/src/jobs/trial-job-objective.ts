import type { SearchSpace } from "../space/search-space.js";
import type { Objective } from "../study/optimize.js";
import type { TrialJob, TrialJobRunner } from "./trial-job.js";

/** Everything of a {@link TrialJob} but what changes from trial to trial. */
export type TrialJobTemplate = Omit<TrialJob, "trialNumber" | "params">;

/**
 * The objective of a study whose trials are {@link TrialJob}s: each trial becomes `template` with its number and
 * params, handed to `runner` (in process, a worker pool or a queue; the study is the same with any of them).
 *
 * @example
 * const study = await optimize({ space, trials: 200, seed: 1, parallelism: 2,
 *   objective: trialJobObjective(runTrialJob, { studyId: "sma", strategyModule, symbols: ["BTCUSDT"], ... }) });
 */
export function trialJobObjective<Space extends SearchSpace>(
  runner: TrialJobRunner,
  template: TrialJobTemplate,
): Objective<Space> {
  return (params, { number }) =>
    runner({ ...template, trialNumber: number, params: params as TrialJob["params"] });
}
