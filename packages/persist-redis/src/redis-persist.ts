import {
  assertJsonValue,
  assertKeyPart,
  assertPersistKey,
  CandlewickError,
  InvalidArgumentError,
  maskUrlUserInfo,
  type PersistAdapter,
  PersistError,
  type PersistKey,
} from "@candlewick/core";
import { createRedisClient, type OwnedRedisClient } from "./create-redis-client.js";
import { redisError } from "./redis-error.js";
import { redisKeyLayout as layout } from "./redis-key-layout.js";
import { parseRedisPersistOptions, type RedisPersistOptions } from "./redis-persist-options.js";
import { waitUntilReady } from "./wait-until-ready.js";
import { RedisRetryExhausted, withRedisRetry } from "./with-redis-retry.js";

const COMPONENT = "persist-redis";

/**
 * Creates a persistence adapter over Redis, for state shared by many processes and machines. Each entity
 * is one string key, `<keyPrefix>:<namespace>:<strategyName>:<symbol>`, holding its JSON. A set per
 * namespace, `<keyPrefix>:_index:<namespace>`, lists the entities; value and index change together in one
 * MULTI/EXEC transaction, so `keys()` never needs the blocking KEYS command nor a SCAN of the whole database.
 *
 * The adapter keeps no state of its own between calls: every read goes to Redis. An operation that fails on
 * a connection problem (dropped, refused, timed out, Redis loading) is tried again with capped exponential
 * backoff for `retryForMs` (default 10 s); every operation is idempotent, so a repeat is harmless. A write
 * resolves only once Redis acknowledged it. Every other failure, and an outage longer than the budget,
 * rejects with a `PersistError` naming the Redis key (and, after retries, how long it tried).
 *
 * @throws InvalidArgumentError when an option is invalid, naming it.
 *
 * @example
 * const persist = createRedisPersist({ url: "redis://localhost:6379", keyPrefix: "candlewick:prod" });
 * await persist.write({ namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" }, { open: true });
 * await persist.close?.();
 */
export function createRedisPersist(options: RedisPersistOptions): PersistAdapter {
  const parsed = parseRedisPersistOptions(COMPONENT, options);
  const { client: injected, url, keyPrefix, connectTimeoutMs, commandTimeoutMs, retryForMs } = parsed;
  const owned = injected === undefined ? openClient(url, { connectTimeoutMs, commandTimeoutMs }) : undefined;
  const client = injected ?? owned!.client;
  let closed = false;

  function assertOpen(): void {
    if (closed)
      throw new PersistError("redis", "the adapter is closed; create a new one with createRedisPersist()");
  }

  function entityKey(key: PersistKey): string {
    assertOpen();
    assertPersistKey(COMPONENT, key);
    return layout.entity(keyPrefix, key);
  }

  /** Runs an idempotent command, retried through connection problems (see `withRedisRetry`). */
  async function run<T>(action: string, redisKey: string, command: () => Promise<T>): Promise<T> {
    try {
      return await withRedisRetry(parsed, async (readyTimeoutMs) => {
        assertOpen();
        await waitUntilReady(client, readyTimeoutMs);
        return await command();
      });
    } catch (error) {
      const last = error instanceof RedisRetryExhausted ? error.lastError : error;
      // The adapter was closed meanwhile: that error says so already.
      if (CandlewickError.isInstance(last)) throw last;
      throw redisError(action, redisKey, error, retryForMs, owned?.lastConnectionError());
    }
  }

  /** Runs a MULTI/EXEC and surfaces the error of any command inside it. */
  async function transaction(action: string, redisKey: string, build: () => ReturnType<typeof client.multi>) {
    await run(action, redisKey, async () => {
      const results = await build().exec();
      if (results === null) throw new Error("transaction aborted");
      const failed = results.find(([error]) => error !== null);
      if (failed) throw failed[0];
    });
  }

  return {
    specificationVersion: "v1",
    name: "redis",
    async read(key) {
      const redisKey = entityKey(key);
      const text = await run("read", redisKey, () => client.get(redisKey));
      if (text === null) return null;
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new PersistError(
          "redis",
          `corrupt value at ${redisKey} (${error instanceof Error ? error.message : String(error)}); it was left ` +
            `untouched. Inspect it (redis-cli GET ${redisKey}), then remove it with persist.delete(key) to start ` +
            "this strategy and symbol with no saved state. See @candlewick/persist-redis README, Corrupt values.",
          { location: redisKey, cause: error },
        );
      }
    },
    async write(key, value) {
      const redisKey = entityKey(key);
      assertJsonValue(COMPONENT, value);
      const text = JSON.stringify(value);
      const index = layout.index(keyPrefix, key.namespace);
      await transaction("write", redisKey, () =>
        client.multi().set(redisKey, text).sadd(index, layout.member(key)),
      );
    },
    async delete(key) {
      const redisKey = entityKey(key);
      const index = layout.index(keyPrefix, key.namespace);
      await transaction("delete", redisKey, () =>
        client.multi().del(redisKey).srem(index, layout.member(key)),
      );
    },
    async has(key) {
      const redisKey = entityKey(key);
      return (await run("inspect", redisKey, () => client.exists(redisKey))) === 1;
    },
    async keys(namespace, strategyName) {
      assertOpen();
      assertKeyPart(COMPONENT, "namespace", namespace);
      if (strategyName !== undefined) assertKeyPart(COMPONENT, "strategyName", strategyName);
      const index = layout.index(keyPrefix, namespace);
      const members = await run("list", index, () => client.smembers(index));
      return members
        .map((member) => layout.parseMember(namespace, member))
        .filter((key): key is PersistKey => key !== undefined)
        .filter((key) => strategyName === undefined || key.strategyName === strategyName);
    },
    async close() {
      if (closed) return;
      closed = true;
      // An injected client belongs to its owner, who may still use it.
      if (owned === undefined) return;
      if (client.status === "ready") {
        // QUIT is answered after the replies already pending, so operations in flight still complete.
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}

/** Opens the adapter's own client; a URL ioredis still refuses is reported redacted, as an option error. */
function openClient(
  url: string | undefined,
  timeouts: { connectTimeoutMs: number; commandTimeoutMs: number },
): OwnedRedisClient {
  try {
    return createRedisClient(url, timeouts);
  } catch (error) {
    // ioredis's own error may quote the URL (Node's URL errors carry it as `input`): keep only its kind.
    const kind = error instanceof Error ? error.name : typeof error;
    throw new InvalidArgumentError(
      COMPONENT,
      "url",
      url === undefined ? undefined : maskUrlUserInfo(url),
      `a URL ioredis accepts (it refused it with a ${kind})`,
    );
  }
}
