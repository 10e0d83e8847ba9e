import { InvalidArgumentError } from "@candlewick/core";
import { createRandomSource } from "../random/random-source.js";
import type { Direction, Sampler } from "../samplers/sampler.js";
import {
  defineSearchSpace,
  type ParamsOf,
  type ParamValues,
  type SearchSpace,
} from "../space/search-space.js";
import { tpeSampler } from "../tpe/tpe-sampler.js";
import { type Constraint, checkConstraint, evaluateConstraints } from "./constraint.js";
import { memoryStudyStorage } from "./memory-study-storage.js";
import type { StudyHeader, StudyStorage } from "./study-storage.js";
import type { TrialRecord } from "./trial-record.js";

/** What an objective may return: its value, or the value with metrics for constraints and reports. */
export type ObjectiveOutcome =
  | number
  | { readonly value: number; readonly metrics?: Readonly<Record<string, number>> };

/** The function a study optimises: any async work (a backtest, a walk-forward fold, a job on another machine). */
export type Objective<Space extends SearchSpace> = (
  params: ParamsOf<Space>,
  trial: { readonly number: number },
) => ObjectiveOutcome | Promise<ObjectiveOutcome>;

/** Options of {@link optimize}. */
export interface OptimizeOptions<Space extends SearchSpace> {
  readonly space: Space;
  readonly objective: Objective<Space>;
  /** How parameters are proposed (default `tpeSampler()`). */
  readonly sampler?: Sampler;
  /** Trials in the study, counting those already in `storage` (a grid may end the study sooner). */
  readonly trials: number;
  /** Seeds every trial's random stream: the same seed, space and sampler propose the same trials. */
  readonly seed: number;
  /** Default `"maximize"` (returns, Sharpe ratios). */
  readonly direction?: Direction;
  /** Bounds on the objective's metrics; a trial outside one is recorded as infeasible and is never the best. */
  readonly constraints?: readonly Constraint[];
  /** The study log (default in memory). With a file, a restarted study skips the trials it finished. */
  readonly storage?: StudyStorage;
  /**
   * Trials run at once (default 1). Trials are proposed in batches of `parallelism` numbers (0..k-1, k..2k-1,
   * ...): every trial of a batch sees exactly the trials of earlier batches, whatever finished first, so the study
   * is the same for any runner and any timing. Records are stored in trial order once the batch is done.
   */
  readonly parallelism?: number;
  /** Called after each trial is stored (progress bars, logs). */
  readonly onTrial?: (
    record: TrialRecord,
    study: { readonly finished: number; readonly total: number },
  ) => void;
}

/** What {@link optimize} returns. */
export interface StudyResult<Space extends SearchSpace> {
  /** Every finished trial, by number. */
  readonly trials: readonly TrialRecord[];
  /** The best feasible trial (ties: the earliest), or `undefined` when none is feasible. */
  readonly best: (TrialRecord & { readonly params: ParamsOf<Space> }) | undefined;
  /** Trials read back from storage rather than run. */
  readonly resumedTrials: number;
  /** Trials run by this call. */
  readonly ranTrials: number;
}

/**
 * Runs a study: for trial numbers 0 .. trials - 1 not yet in `storage`, asks the sampler for parameters (given
 * every finished trial), awaits the objective, checks the constraints and appends the record before the next
 * trial. Trials run one after another, or `parallelism` at a time in deterministic batches; the objective is a
 * plain async function so workers and queues can stand behind it. An objective that throws stops the study with that error; nothing is recorded for its trial, which a
 * resume runs again with the same parameters.
 *
 * @example
 * const study = await optimize({
 *   space: defineSearchSpace({ fast: integerRange(5, 50), slow: integerRange(20, 200, { step: 5 }) }),
 *   objective: async ({ fast, slow }) => ({ value: await backtestPnl(fast, slow), metrics: { tradeCount } }),
 *   constraints: [atLeast("tradeCount", 20)],
 *   trials: 50, seed: 7, storage: jsonLinesStudyStorage("studies/sma.jsonl"),
 * });
 * @throws InvalidArgumentError for bad options, a non-finite objective value, a missing constraint metric or a log
 * of another study; PersistError when storage fails; whatever the objective throws.
 */
export async function optimize<const Space extends SearchSpace>(
  options: OptimizeOptions<Space>,
): Promise<StudyResult<Space>> {
  const component = "optimize";
  const space = defineSearchSpace(options.space);
  if (typeof options.objective !== "function") {
    throw new InvalidArgumentError(
      component,
      "objective",
      options.objective,
      "a function (params, trial) => value",
    );
  }
  if (!Number.isSafeInteger(options.trials) || options.trials < 1) {
    throw new InvalidArgumentError(component, "trials", options.trials, "an integer >= 1");
  }
  if (!Number.isSafeInteger(options.seed)) {
    throw new InvalidArgumentError(component, "seed", options.seed, "a safe integer");
  }
  const direction = options.direction ?? "maximize";
  if (direction !== "maximize" && direction !== "minimize") {
    throw new InvalidArgumentError(component, "direction", direction, '"maximize" or "minimize"');
  }
  const parallelism = options.parallelism ?? 1;
  if (!Number.isSafeInteger(parallelism) || parallelism < 1) {
    throw new InvalidArgumentError(component, "parallelism", options.parallelism, "an integer >= 1");
  }
  const constraints = (options.constraints ?? []).map(checkConstraint);
  const sampler = options.sampler ?? tpeSampler();
  sampler.prepare?.(space);
  const header: StudyHeader = {
    kind: "candlewick-study",
    version: 1,
    direction,
    seed: options.seed,
    sampler: { name: sampler.name, settings: sampler.settings },
    space,
    constraints,
  };
  const storage = options.storage ?? memoryStudyStorage();
  const history = [...(await storage.open(header))].sort((a, b) => a.number - b.number);
  const resumedTrials = history.length;
  let ranTrials = 0;
  try {
    const finished = new Set(history.map((record) => record.number));
    let exhausted = false;
    for (let batchStart = 0; batchStart < options.trials && !exhausted; batchStart += parallelism) {
      // What this batch's sampler sees: the finished trials of earlier batches, and nothing from this one (a
      // resume after a kill mid-batch may have stored some of it).
      const seen = history.filter((record) => record.number < batchStart);
      const batch: { number: number; params: ParamValues }[] = [];
      for (let number = batchStart; number < Math.min(batchStart + parallelism, options.trials); number++) {
        if (finished.has(number)) continue;
        const params = sampler.sample({
          space,
          number,
          history: seen,
          direction,
          random: createRandomSource(options.seed, number),
        });
        if (params === undefined) {
          exhausted = true;
          break;
        }
        batch.push({ number, params });
      }
      const outcomes = await Promise.allSettled(
        batch.map(async ({ number, params }) => options.objective(params as ParamsOf<Space>, { number })),
      );
      for (const [index, { number, params }] of batch.entries()) {
        const outcome = outcomes[index]!;
        if (outcome.status === "rejected") throw outcome.reason;
        const record = toRecord(number, params, outcome.value, constraints);
        await storage.append(record);
        history.push(record);
        finished.add(number);
        ranTrials++;
        options.onTrial?.(record, { finished: finished.size, total: options.trials });
      }
    }
    history.sort((a, b) => a.number - b.number);
  } finally {
    await storage.close();
  }
  return {
    trials: history,
    best: bestTrial(history, direction) as StudyResult<Space>["best"],
    resumedTrials,
    ranTrials,
  };
}

function toRecord(
  number: number,
  params: ParamValues,
  outcome: ObjectiveOutcome,
  constraints: readonly Constraint[],
): TrialRecord {
  const { value, metrics = {} } = typeof outcome === "number" ? { value: outcome } : (outcome ?? {});
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      "optimize",
      `trial ${number} value`,
      value,
      "a finite number (give trials without a score a value and a failing constraint)",
    );
  }
  const outcomes = evaluateConstraints(constraints, metrics, number);
  const feasible = outcomes.every((constraint) => constraint.violation === 0);
  return {
    number,
    params,
    value,
    metrics,
    constraints: outcomes,
    state: feasible ? "complete" : "infeasible",
  };
}

/** The best complete trial; ties go to the lower number. */
export function bestTrial(trials: readonly TrialRecord[], direction: Direction): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const trial of trials) {
    if (trial.state !== "complete") continue;
    const better =
      best === undefined || (direction === "maximize" ? trial.value > best.value : trial.value < best.value);
    if (better || (best !== undefined && trial.value === best.value && trial.number < best.number))
      best = trial;
  }
  return best;
}
