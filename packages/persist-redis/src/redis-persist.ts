import {
  assertJsonValue,
  assertKeyPart,
  assertPersistKey,
  type PersistAdapter,
  PersistError,
  type PersistKey,
  parseWithSchema,
} from "@candlewick/core";
import { createRedisClient } from "./create-redis-client.js";
import { redisError } from "./redis-error.js";
import { redisKeyLayout as layout } from "./redis-key-layout.js";
import { type RedisPersistOptions, redisPersistOptionsSchema } from "./redis-persist-options.js";
import { waitUntilReady } from "./wait-until-ready.js";

const COMPONENT = "persist-redis";

/**
 * Creates a persistence adapter over Redis, for state shared by many processes and machines. Each entity
 * is one string key, `<keyPrefix>:<namespace>:<strategyName>:<symbol>`, holding its JSON. A set per
 * namespace, `<keyPrefix>:_index:<namespace>`, lists the entities; value and index change together in one
 * MULTI/EXEC transaction, so `keys()` never needs the blocking KEYS command nor a SCAN of the whole database.
 *
 * The adapter keeps no state of its own between calls: every read goes to Redis. Every failure, including a
 * lost connection, rejects with a `PersistError` naming the Redis key.
 *
 * @throws InvalidArgumentError when an option is invalid, naming it.
 *
 * @example
 * const persist = createRedisPersist({ url: "redis://localhost:6379", keyPrefix: "candlewick:prod" });
 * await persist.write({ namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" }, { open: true });
 * await persist.close?.();
 */
export function createRedisPersist(options: RedisPersistOptions): PersistAdapter {
  const {
    client: injected,
    url,
    keyPrefix,
    connectTimeoutMs,
    commandTimeoutMs,
  } = parseWithSchema(COMPONENT, redisPersistOptionsSchema, options);
  const owned =
    injected === undefined ? createRedisClient(url, { connectTimeoutMs, commandTimeoutMs }) : undefined;
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

  async function run<T>(action: string, redisKey: string, command: () => Promise<T>): Promise<T> {
    try {
      await waitUntilReady(client, connectTimeoutMs);
      return await command();
    } catch (error) {
      throw redisError(action, redisKey, error, owned?.lastConnectionError());
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
