import type { Direction } from "../samplers/sampler.js";
import type { SearchSpace } from "../space/search-space.js";
import type { Constraint } from "./constraint.js";
import type { TrialRecord } from "./trial-record.js";

/** What identifies a study: a log is resumed only by a study with the same header. */
export interface StudyHeader {
  readonly kind: "candlewick-study";
  readonly version: 1;
  readonly direction: Direction;
  readonly seed: number;
  readonly sampler: {
    readonly name: string;
    readonly settings: Readonly<Record<string, number | string | boolean>>;
  };
  readonly space: SearchSpace;
  readonly constraints: readonly Constraint[];
}

/**
 * Where a study's finished trials go: an append-only log. `open` is called once before the first trial and
 * returns the trials already finished (which the study skips and its sampler replays); `append` stores one
 * finished trial durably before the study moves on.
 */
export interface StudyStorage {
  /**
   * Starts the study: records `header` for a new study, or checks it against the stored one.
   * @throws InvalidArgumentError when a stored study has another header; PersistError for unreadable data.
   */
  open(header: StudyHeader): Promise<readonly TrialRecord[]>;
  append(record: TrialRecord): Promise<void>;
  /** Releases what `open` acquired. */
  close(): Promise<void>;
}
