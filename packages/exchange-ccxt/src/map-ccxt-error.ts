import { CandlewickError, ExchangeError, redactSecrets, redactSecretsInText } from "@candlewick/core";
import ccxt, { type Exchange } from "ccxt";

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
  /**
   * The instance that failed. Its credentials (`apiKey`, `secret`, `password`, `uid`, ...) are masked wherever
   * they appear in the message and the cause, e.g. in a response body that echoes the key it was sent. The
   * instance itself is never kept in the error.
   */
  readonly exchange?: Exchange;
}

/** The credential fields of a ccxt instance (ccxt's `requiredCredentials`, less the public `walletAddress`). */
const CCXT_CREDENTIAL_FIELDS = [
  "apiKey",
  "secret",
  "uid",
  "login",
  "password",
  "privateKey",
  "token",
  "twofa",
];
/** Shorter values would mask ordinary characters of the message. */
const MIN_CREDENTIAL_LENGTH = 4;

function credentialsOf(exchange: Exchange | undefined): Set<string> {
  const found = new Set<string>();
  if (exchange === undefined) return found;
  for (const field of CCXT_CREDENTIAL_FIELDS) {
    const value = (exchange as unknown as Record<string, unknown>)[field];
    if (typeof value === "string" && value.length >= MIN_CREDENTIAL_LENGTH) found.add(value);
  }
  return found;
}

/**
 * Turns anything ccxt throws into an `ExchangeError` whose `isRetryable` follows ccxt's error classes:
 * the `NetworkError` family is retryable; `BadSymbol`, `AuthenticationError`, `PermissionDenied`,
 * `BadRequest` and every other `ExchangeError` are not, since sending the same request again cannot help.
 * Candlewick errors pass through unchanged. ccxt messages can hold a signed request URL or a response body:
 * credentials and signatures in them are masked (here with the instance's own values, then by core's rules).
 */
export function mapCcxtError(error: unknown, context: CcxtErrorContext): CandlewickError {
  if (CandlewickError.isInstance(error)) return error;
  const retryable = isRetryableCcxtError(error);
  const kind = error instanceof Error ? error.name : typeof error;
  const credentials = credentialsOf(context.exchange);
  const reason = redactSecretsInText(error instanceof Error ? error.message : String(error), credentials);
  return new ExchangeError(context.exchangeName, `${context.operation} failed with ${kind}: ${reason}`, {
    symbol: context.symbol,
    isRetryable: retryable,
    cause: redactSecrets(error, credentials),
    details: { ccxtError: kind, operation: context.operation },
  });
}
