import type { ParamValues } from "../space/search-space.js";

/**
 * `complete`: the objective returned a value and every constraint held. `infeasible`: it returned a value but a
 * constraint failed; recorded (TPE learns from it) but never the best.
 */
export type TrialState = "complete" | "infeasible";

/** One constraint's outcome on a trial. */
export interface ConstraintOutcome {
  readonly name: string;
  /** The metric's value. */
  readonly value: number;
  /** How far outside the bound (0 when it holds). */
  readonly violation: number;
}

/** One finished trial: one line of a study log. */
export interface TrialRecord {
  readonly number: number;
  readonly params: ParamValues;
  readonly value: number;
  /** Metrics the objective reported besides its value (trade count, drawdown...). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly constraints: readonly ConstraintOutcome[];
  readonly state: TrialState;
}
