import { Redis, type RedisOptions } from "ioredis";

/** A client the adapter owns, and the last connection error it reported (for error messages). */
export interface OwnedRedisClient {
  readonly client: Redis;
  lastConnectionError(): Error | undefined;
}

/**
 * Creates the ioredis client the adapter uses when none is injected. Its settings make persistence fail
 * closed and fast rather than buffer state writes in memory while Redis is away:
 *
 * - `enableOfflineQueue: false`: a command issued while disconnected is rejected at once, not queued to run
 *   later, at a moment the caller no longer expects (each try first waits up to `connectTimeoutMs` for the
 *   connection to come back, see `waitUntilReady`).
 * - `maxRetriesPerRequest: 0` and `autoResendUnfulfilledCommands: false`: a command in flight when the
 *   connection drops is rejected, not silently resent after a reconnect. The adapter's own retry
 *   (`withRedisRetry`, bounded by `retryForMs`) sends it again; that is safe because every operation is
 *   idempotent (a write stores the whole value).
 * - `retryStrategy`: reconnects forever in the background (100 ms doubling to 2 s), so the adapter recovers
 *   by itself once Redis is back.
 * - `lazyConnect`: creating the adapter opens no connection; the first operation does.
 */
export function createRedisClient(
  url: string | undefined,
  timeouts: { connectTimeoutMs: number; commandTimeoutMs: number },
): OwnedRedisClient {
  const options: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: timeouts.connectTimeoutMs,
    commandTimeout: timeouts.commandTimeoutMs,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** (attempt - 1), 2_000),
  };
  const client = url === undefined ? new Redis(options) : new Redis(url, options);
  let lastError: Error | undefined;
  // Every failure reaches the caller of the operation as a PersistError; the listener keeps ioredis from
  // printing each failed reconnect as an unhandled error event, and keeps the cause for those messages.
  client.on("error", (error: Error) => {
    lastError = error;
  });
  client.on("ready", () => {
    lastError = undefined;
  });
  return { client, lastConnectionError: () => lastError };
}
