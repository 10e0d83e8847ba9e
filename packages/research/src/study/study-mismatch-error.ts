import { InvalidArgumentError } from "@candlewick/core";

/**
 * A study log holds another study: its space, sampler, seed, direction or constraints differ. Resuming it would
 * mix trials of two studies, so it is refused; use a new log to change the study.
 */
export class StudyMismatchError extends InvalidArgumentError {
  constructor(location: string, stored: string, wanted: string) {
    super(
      "optimize",
      "storage",
      location,
      `a log of this study (${wanted}); it holds ${stored}. Use a new log to change the study`,
    );
  }
}
