import { PersistError, REDACTED } from "@candlewick/core";
import { NOT_READY } from "./retryable-redis-error.js";
import { RedisRetryExhausted } from "./with-redis-retry.js";

/** The commands whose arguments carry credentials, as ioredis attaches them to a reply error. */
const CREDENTIAL_COMMANDS = new Set(["auth", "hello", "migrate", "acl", "config"]);

/**
 * Wraps a Redis failure into the `PersistError` the contract promises, naming the Redis key. After retries
 * the message says how many tries over how long, and the last cause. Core's errors mask credentials in the
 * message, details and cause; a password ioredis keeps in the arguments of a failed HELLO/AUTH is not
 * named as one, so it is masked here first.
 */
export function redisError(
  action: string,
  redisKey: string,
  failure: unknown,
  retryForMs: number,
  connectionError?: Error,
): PersistError {
  const cause = failure instanceof RedisRetryExhausted ? failure.lastError : failure;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const connection =
    connectionError === undefined || connectionError.message === reason
      ? ""
      : ` (last connection error: ${connectionError.message})`;
  let message = `cannot ${action} ${redisKey}: ${reason}${connection}`;
  if (failure instanceof RedisRetryExhausted && failure.retryable && retryForMs > 0) {
    const tries = failure.attempts === 1 ? "1 attempt" : `${failure.attempts} attempts`;
    // The wait of the last try is cut to what was left of the budget: its length would mislead.
    const last =
      (cause as NodeJS.ErrnoException).code === NOT_READY
        ? `no Redis connection (status: ${(cause as { status?: string }).status})`
        : reason;
    message =
      `cannot ${action} ${redisKey}: gave up after ${tries} over ${failure.elapsedMs} ms ` +
      `(retryForMs: ${retryForMs}); Redis stayed unreachable. Last error: ${last}${connection}`;
  }
  scrubCredentials(cause);
  if (connectionError !== undefined) scrubCredentials(connectionError);
  return new PersistError("redis", message, { location: redisKey, cause });
}

/** ioredis keeps the failed command on its error: for HELLO/AUTH that is the password. Mask it in place. */
function scrubCredentials(error: unknown): void {
  const command = (error as { command?: { name?: unknown; args?: unknown } } | null)?.command;
  if (command === undefined || command === null || typeof command.name !== "string") return;
  if (CREDENTIAL_COMMANDS.has(command.name.toLowerCase()) && Array.isArray(command.args)) {
    command.args = command.args.map(() => REDACTED);
  }
}
