/**
 * Which failures a retry can fix: the connection dropped, was not there yet, or Redis was briefly unable to
 * serve. Anything else (WRONGTYPE, a refused password, out of memory, bad input) fails the same way on
 * every try, so it is reported at once.
 */

/** Node.js socket error codes of a connection that failed or dropped. */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTCONN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
]);

/** The codes `waitUntilReady` gives its own errors. */
export const NOT_READY = "ERR_REDIS_NOT_READY";
export const CONNECTION_ENDED = "ERR_REDIS_CONNECTION_ENDED";

/** How ioredis rejects a command whose connection is gone or never came (its messages, ioredis 6). */
const IOREDIS_MESSAGES = [
  "Connection is closed.",
  "Stream isn't writeable",
  "Reached the max retries per request limit",
  "Command timed out",
];

/** Replies of a Redis that is restarting or failing over, not of a bad command. */
const TRANSIENT_REPLIES = /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|CLUSTERDOWN)\b/;

/** Replies refusing the credentials: no retry fixes them. */
const AUTH_REPLIES = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR (invalid password|AUTH\b)/;

/** Whether `error` is a refusal of the credentials, as ioredis reports it on a connection. */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof Error && AUTH_REPLIES.test(error.message);
}

/** Whether trying the same operation again may succeed. */
export function isRetryableRedisError(error: unknown): boolean {
  if (matches(error)) return true;
  // A MULTI that Redis refused to queue (EXECABORT) carries the errors of its commands.
  const previous = (error as { previousErrors?: unknown } | null)?.previousErrors;
  return Array.isArray(previous) && previous.length > 0 && previous.every(matches);
}

function matches(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === NOT_READY) return true;
  if (code === CONNECTION_ENDED) return false;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  if (error.name === "MaxRetriesPerRequestError") return true;
  return (
    IOREDIS_MESSAGES.some((message) => error.message.startsWith(message)) ||
    TRANSIENT_REPLIES.test(error.message)
  );
}
