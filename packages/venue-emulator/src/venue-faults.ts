import type { Fault, FaultDuration, FaultTable, FaultTarget } from "./http/faults.js";

type Scope = FaultTarget & FaultDuration;

/** Fault injection on a running emulator. Each call adds one fault; the first added that matches applies. */
export interface VenueFaults {
  /** The request is applied (an order is placed) and the connection closed without an answer. */
  dropResponse(scope?: Scope): Fault;
  /** The request is held with no answer until the client times out (`apply`: still executed; default true). */
  hang(scope?: Scope & { readonly apply?: boolean }): Fault;
  /** The answer is sent `ms` late; the request is executed on arrival. */
  delay(scope: Scope & { readonly ms: number }): Fault;
  /** HTTP 429 (or 418) with Binance's -1003 body and a `Retry-After` header; nothing is executed. */
  rateLimit(scope?: Scope & { readonly status?: 429 | 418; readonly retryAfterSeconds?: number }): Fault;
  /**
   * An HTTP 5xx: 500 → -1001, 503 → -1008 (Binance's bodies), 502/504 → a gateway HTML page, or `body`.
   * `apply: true` executes the request first: Binance's "execution status unknown". Default false.
   */
  serverError(
    scope?: Scope & {
      readonly status?: 500 | 502 | 503 | 504;
      readonly apply?: boolean;
      readonly body?: unknown;
    },
  ): Fault;
  /** Every connection is reset (open ones now, new ones on arrival) for the duration. */
  networkDown(duration: FaultDuration): Fault;
  /** The faults still in effect. */
  active(): readonly Fault[];
  clear(): void;
}

/** The `faults` API over the server's fault table. */
export function createVenueFaults(
  table: FaultTable,
  now: () => number,
  dropConnections: () => void,
): VenueFaults {
  return {
    dropResponse: (scope = {}) => table.add("drop-response", scope, { apply: true }),
    hang: (scope = {}) => table.add("hang", scope, { apply: scope.apply ?? true }),
    delay: (scope) => table.add("delay", scope, { apply: true, delayMs: scope.ms }),
    rateLimit: (scope = {}) =>
      table.add("rate-limit", scope, {
        apply: false,
        status: scope.status ?? 429,
        retryAfterSeconds: scope.retryAfterSeconds ?? 1,
      }),
    serverError: (scope = {}) =>
      table.add("server-error", scope, {
        apply: scope.apply ?? false,
        status: scope.status ?? 503,
        body: scope.body,
      }),
    networkDown: (duration) => {
      const fault = table.add("network-down", duration, { apply: false });
      dropConnections();
      return fault;
    },
    active: () => table.active(now()),
    clear: () => table.clear(),
  };
}
