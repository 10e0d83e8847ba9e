import { CandlewickError, ExchangeError } from "@candlewick/core";
import ccxt from "ccxt";

/**
 * ccxt's `NetworkError` family: the request may succeed if sent again later. Checked by name too, because
 * `instanceof` fails when a bundler or a nested install loads a second copy of ccxt; every ccxt error class
 * sets its own `name`.
 */
const RETRYABLE_CCXT_ERRORS: ReadonlySet<string> = new Set([
  "NetworkError",
  "RequestTimeout",
  "RateLimitExceeded",
  "DDoSProtection",
  "ExchangeNotAvailable",
  "OnMaintenance",
  "InvalidNonce",
  "ChecksumError",
]);

/** True for ccxt errors worth retrying with backoff (timeouts, rate limits, outages, maintenance). */
export function isRetryableCcxtError(error: unknown): boolean {
  if (error instanceof ccxt.NetworkError) return true;
  return error instanceof Error && RETRYABLE_CCXT_ERRORS.has(error.name);
}

/** Where a failure happened, for the error message and `details`. */
export interface CcxtErrorContext {
  readonly exchangeName: string;
  /** What the adapter was doing, e.g. `"fetchOHLCV BTC/USDT 1m"`. */
  readonly operation: string;
  readonly symbol?: string;
}

/**
 * Turns anything ccxt throws into an `ExchangeError` whose `isRetryable` follows ccxt's error classes:
 * the `NetworkError` family is retryable; `BadSymbol`, `AuthenticationError`, `PermissionDenied`,
 * `BadRequest` and every other `ExchangeError` are not, since sending the same request again cannot help.
 * Candlewick errors pass through unchanged.
 */
export function mapCcxtError(error: unknown, context: CcxtErrorContext): CandlewickError {
  if (CandlewickError.isInstance(error)) return error;
  const retryable = isRetryableCcxtError(error);
  const kind = error instanceof Error ? error.name : typeof error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ExchangeError(context.exchangeName, `${context.operation} failed with ${kind}: ${reason}`, {
    symbol: context.symbol,
    isRetryable: retryable,
    cause: error,
    details: { ccxtError: kind, operation: context.operation },
  });
}
