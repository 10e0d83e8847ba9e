import type { RandomSource } from "../random/random-source.js";
import type { ParamValues, SearchSpace } from "../space/search-space.js";
import type { TrialRecord } from "../study/trial-record.js";

/** Whether larger or smaller objective values are better. */
export type Direction = "maximize" | "minimize";

/** What a sampler is given to propose the parameters of one trial. */
export interface SampleRequest {
  readonly space: SearchSpace;
  /** The trial's number (0, 1, ...). */
  readonly number: number;
  /** Every finished trial so far (loaded from storage or run in this process), by number. */
  readonly history: readonly TrialRecord[];
  readonly direction: Direction;
  /** This trial's own random stream (derived from the study seed and the trial number). */
  readonly random: RandomSource;
}

/**
 * Proposes parameter sets. A sampler is a pure function of its request: the same history, number and stream give
 * the same parameters, which is what makes a study deterministic for a seed and resumable.
 */
export interface Sampler {
  /** Short name, stored in the study header, e.g. `"tpe"`. */
  readonly name: string;
  /** The sampler's settings, stored in the study header so a resume with other settings is refused. */
  readonly settings: Readonly<Record<string, number | string | boolean>>;
  /** Checks the space before the first trial (e.g. the grid needs steps). */
  prepare?(space: SearchSpace): void;
  /** The parameters of the next trial, or `undefined` when the sampler has nothing left (an exhausted grid). */
  sample(request: SampleRequest): ParamValues | undefined;
}
