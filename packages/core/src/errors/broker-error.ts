import type { BrokerErrorKind, BrokerErrorReason } from "../spec/broker.js";
import { CandlewickError } from "./candlewick-error.js";

/**
 * A failed broker call, classified: `transient` (outcome unknown: look the order up before acting again),
 * `rejected` (the venue refused it: never retry it as it is) or `not_found`. Messages carry the venue's own words,
 * never a key or secret.
 */
export class BrokerError extends CandlewickError {
  readonly brokerName: string;
  readonly kind: BrokerErrorKind;
  readonly reason: BrokerErrorReason;
  /** Milliseconds the venue asked to wait (a 429's Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    brokerName: string,
    kind: BrokerErrorKind,
    reason: BrokerErrorReason,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number; details?: Record<string, unknown> } = {},
  ) {
    super("BROKER_ERROR", `[${brokerName}] ${message}`, {
      details: { brokerName, kind, reason, ...options.details },
      cause: options.cause,
    });
    this.brokerName = brokerName;
    this.kind = kind;
    this.reason = reason;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True for a failure whose outcome is unknown. */
  get isTransient(): boolean {
    return this.kind === "transient";
  }
}
