import { CandlewickError } from "./candlewick-error.js";
import { describeValue } from "./describe-value.js";

/** Bad input: names the field, the value received and what was expected. Nothing was changed. */
export class InvalidArgumentError extends CandlewickError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(component: string, field: string, value: unknown, expected: string, cause?: unknown) {
    super("INVALID_ARGUMENT", `[${component}] "${field}" is ${describeValue(value)}; expected ${expected}`, {
      details: { component, field, value, expected },
      cause,
    });
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}
