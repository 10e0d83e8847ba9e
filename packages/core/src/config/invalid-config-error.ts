import { describeValue } from "../errors/describe-value.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";

/** One bad key of a config patch: the key, the value found and what was expected. */
export interface ConfigProblem {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
}

/**
 * A config patch with one or more bad keys. It is an `InvalidArgumentError` whose `field`, `value` and
 * `expected` describe the first problem; the message and `details.problems` list every one, so a user fixing a
 * patch learns all its mistakes at once.
 */
export class InvalidConfigError extends InvalidArgumentError {
  readonly problems: readonly ConfigProblem[];

  constructor(component: string, problems: readonly ConfigProblem[], cause?: unknown) {
    const first = problems[0]!;
    super(component, first.field, first.value, first.expected, cause);
    this.problems = problems;
    if (problems.length > 1) {
      this.message = `[${component}] ${problems.length} bad keys: ${problems
        .map(
          (problem) => `"${problem.field}" is ${describeValue(problem.value)}; expected ${problem.expected}`,
        )
        .join("; ")}`;
    }
    (this as { details: Readonly<Record<string, unknown>> }).details = {
      ...this.details,
      fields: problems.map((problem) => problem.field),
      problems,
    };
  }
}
