import { redactErrorParts } from "./redact-secrets.js";

const MARKER = Symbol.for("@candlewick/core.error");

/** Options every Candlewick error accepts. */
export interface CandlewickErrorOptions {
  /** Structured facts about the failure: which component, symbol, value... */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one base class of every error Candlewick throws or reports. Check with `CandlewickError.isInstance(e)`
 * rather than `instanceof`: it also works when two copies of the package are installed.
 *
 * Credentials never reach a Candlewick error: before anything is stored (and before the stack is captured),
 * credential-named fields in `details` and `cause` become `"[redacted]"`, and URL passwords, credential query
 * parameters and the values found under credential names are masked in the message and in the cause's texts.
 * See `redactSecrets`.
 */
export class CandlewickError extends Error {
  /** A stable machine-readable code, e.g. `"INVALID_ARGUMENT"`. */
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [MARKER] = true as const;

  constructor(code: string, message: string, options: CandlewickErrorOptions = {}) {
    const safe = redactErrorParts(message, options.details, options.cause);
    super(safe.message, options.cause === undefined ? undefined : { cause: safe.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = safe.details ?? {};
  }

  static isInstance(error: unknown): error is CandlewickError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}
