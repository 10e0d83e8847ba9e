import { CandlewickError } from "./candlewick-error.js";
import { describeValue } from "./describe-value.js";
import { isSecretName, REDACTED } from "./redact-secrets.js";

/**
 * Bad input: names the field, the value received and what was expected. Nothing was changed. The value is
 * never a credential: under a credential-named field (`exchange.apiKey`) it is `"[redacted]"`, and inside
 * objects and strings credentials are masked (see `redactSecrets`); `value` and `details.value` hold that
 * masked form.
 */
export class InvalidArgumentError extends CandlewickError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(component: string, field: string, value: unknown, expected: string, cause?: unknown) {
    const shown = isSecretField(field) && value !== undefined ? REDACTED : value;
    const description = shown === REDACTED ? REDACTED : describeValue(shown);
    super("INVALID_ARGUMENT", `[${component}] "${field}" is ${description}; expected ${expected}`, {
      details: { component, field, value: shown, expected },
      cause,
    });
    this.field = field;
    this.value = this.details.value;
    this.expected = expected;
  }
}

/** `apiKey`, `exchange.secret`, `accounts.0.privateKey`: any segment of the dotted path names a credential. */
function isSecretField(field: string): boolean {
  return field.split(".").some(isSecretName);
}
