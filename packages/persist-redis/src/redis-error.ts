import { PersistError } from "@candlewick/core";

/** Wraps a Redis failure into the `PersistError` the contract promises, naming the Redis key. */
export function redisError(
  action: string,
  redisKey: string,
  cause: unknown,
  connectionError?: Error,
): PersistError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const connection =
    connectionError === undefined ? "" : ` (last connection error: ${connectionError.message})`;
  return new PersistError("redis", `cannot ${action} ${redisKey}: ${reason}${connection}`, {
    location: redisKey,
    cause,
  });
}
