import { CandlewickError } from "../errors/candlewick-error.js";
import type { LiveClock } from "./live-clock.js";

/** Retry policy for exchange calls made by a live tick. */
export interface RetryPolicy {
  /** Attempts in total, the first included. Default 4. */
  readonly attempts: number;
  /** Delay before the second attempt, doubled each time (with ±25% jitter). Default 1000 ms. */
  readonly baseDelayMs: number;
  /**
   * Longest wait between two attempts, jitter included. Default 30 000 ms: with many attempts, the doubling would
   * otherwise soon wait longer than a tick (minutes, then hours).
   */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Runs `task`, retrying with exponential backoff while it fails with an ExchangeError marked retryable
 * (timeouts, rate limits, exchange unavailable). Any other error, or the last failure, is thrown.
 */
export async function withRetry<T>(
  task: () => Promise<T>,
  clock: LiveClock,
  policy: RetryPolicy,
  onRetry?: (error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const retryable =
        CandlewickError.isInstance(error) && (error as { isRetryable?: unknown }).isRetryable === true;
      if (!retryable || attempt >= policy.attempts) throw error;
      onRetry?.(error);
      const delay = policy.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      await clock.delay(Math.min(delay, policy.maxDelayMs));
    }
  }
}
