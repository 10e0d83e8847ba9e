import type { CandlewickError } from "@candlewick/core";

/**
 * How often and how patiently the ccxt adapter sends a failed exchange call again (its `maxRetries`,
 * `baseDelayMs` and `maxDelayMs` options). Not core's `RetryPolicy` of a live run, which counts attempts in total.
 */
export interface CcxtRetryPolicy {
  /** Attempts after the first one. 0 disables retries. */
  readonly maxRetries: number;
  /** Ceiling of the first pause; each later ceiling doubles. */
  readonly baseDelayMs: number;
  /** No pause is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * Pause before retry number `attempt` (0-based): "equal jitter". Half of the exponential ceiling is fixed, so a
 * rate-limited client really backs off; the other half is random, so parallel downloads that failed together do
 * not come back in lockstep.
 */
export function backoffDelay(
  attempt: number,
  policy: CcxtRetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Hooks for observing retries (tests, logs). */
export interface RetryHooks {
  readonly onRetry?: (error: CandlewickError, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `task`; a failure that `toError` classifies as retryable is retried after `backoffDelay`, up to
 * `policy.maxRetries` times. Any other failure, or the last one, is thrown as the classified error.
 */
export async function withCcxtRetry<T>(
  task: () => Promise<T>,
  policy: CcxtRetryPolicy,
  toError: (error: unknown) => CandlewickError,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (caught) {
      const error = toError(caught);
      const retryable = (error as { isRetryable?: unknown }).isRetryable === true;
      if (!retryable || attempt >= policy.maxRetries) throw error;
      const delay = backoffDelay(attempt, policy);
      hooks.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
