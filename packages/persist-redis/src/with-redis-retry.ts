import { isRetryableRedisError } from "./retryable-redis-error.js";

/** How an operation is tried again after a connection problem. */
export interface RedisRetryPolicy {
  /** Time budget, from the operation's start; 0: a single try. */
  readonly retryForMs: number;
  /** Pause before the first retry, doubled after each failed try. */
  readonly retryDelayMs: number;
  /** Longest pause. */
  readonly retryMaxDelayMs: number;
  /** Longest wait of one try for a connection. */
  readonly connectTimeoutMs: number;
}

/** The last failure of an operation, and how hard it was tried. */
export class RedisRetryExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly retryable: boolean,
  ) {
    super("redis operation failed");
  }
}

/**
 * Runs `attempt` until it succeeds, retrying a retryable failure with exponential backoff (full jitter on the
 * upper half, so processes that lost Redis together do not come back in lockstep) until `retryForMs` has
 * passed. The first try waits up to `connectTimeoutMs` for a connection; later tries never wait past the
 * budget. Resolves only with the result of a try that Redis answered.
 *
 * Only for idempotent operations: a try whose answer was lost may have been applied, and runs again.
 *
 * @throws RedisRetryExhausted with the last error, at once when it is not retryable.
 */
export async function withRedisRetry<T>(
  policy: RedisRetryPolicy,
  attempt: (readyTimeoutMs: number) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  for (let attempts = 1; ; attempts += 1) {
    const remaining = policy.retryForMs - (performance.now() - started);
    const readyTimeoutMs =
      attempts === 1 ? policy.connectTimeoutMs : Math.max(1, Math.min(policy.connectTimeoutMs, remaining));
    try {
      return await attempt(Math.round(readyTimeoutMs));
    } catch (error) {
      const elapsedMs = performance.now() - started;
      const retryable = isRetryableRedisError(error);
      if (!retryable || elapsedMs >= policy.retryForMs) {
        throw new RedisRetryExhausted(error, attempts, Math.round(elapsedMs), retryable);
      }
      const backoff = Math.min(policy.retryMaxDelayMs, policy.retryDelayMs * 2 ** (attempts - 1));
      const pause = Math.min(backoff * (0.5 + Math.random() * 0.5), policy.retryForMs - elapsedMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
