import { InvalidArgumentError, PersistError } from "@candlewick/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let server: RedisServer;
let raw: Redis;

beforeAll(async () => {
  if (redisServerMissing) return;
  server = await startRedisServer();
  raw = new Redis(server.url);
});
afterAll(async () => {
  await raw?.quit();
  await server?.stop();
});

describe.skipIf(redisServerMissing)("createRedisPersist layout", () => {
  it("stores one JSON string per entity and indexes it in a set per namespace", async () => {
    const persist = createRedisPersist({ url: server.url, keyPrefix: "layout:test" });
    await persist.write(key, { open: true, levels: [1, 2] });
    expect(await raw.get("layout:test:signals:sma-cross:BTCUSDT")).toBe('{"open":true,"levels":[1,2]}');
    expect(await raw.smembers("layout:test:_index:signals")).toEqual(["sma-cross:BTCUSDT"]);
    await persist.delete(key);
    expect(await raw.exists("layout:test:signals:sma-cross:BTCUSDT", "layout:test:_index:signals")).toBe(0);
    await persist.close?.();
  });
});

describe.skipIf(redisServerMissing)("createRedisPersist across processes", () => {
  it("lets two adapters with separate connections see each other's writes", async () => {
    const injected = new Redis(server.url);
    const first = createRedisPersist({ url: server.url, keyPrefix: "shared" });
    const second = createRedisPersist({ client: injected, keyPrefix: "shared" });
    await first.write(key, { by: "first" });
    expect(await second.read(key)).toEqual({ by: "first" });
    await second.write(key, { by: "second" });
    expect(await first.read(key)).toEqual({ by: "second" });
    await second.delete(key);
    expect(await first.has(key)).toBe(false);
    expect(await first.keys("signals")).toEqual([]);

    await second.close?.();
    // The injected client belongs to the test: close() must leave it usable.
    expect(await injected.ping()).toBe("PONG");
    await injected.quit();
    await first.close?.();
  });

  it("isolates deployments by key prefix, including prefixes nested in each other", async () => {
    const prod = createRedisPersist({ url: server.url, keyPrefix: "candlewick:prod" });
    const staging = createRedisPersist({ url: server.url, keyPrefix: "candlewick:staging" });
    const parent = createRedisPersist({ url: server.url, keyPrefix: "candlewick" });
    await prod.write(key, "prod");
    await staging.write(key, "staging");
    await parent.write({ namespace: "prod", strategyName: "signals", symbol: "sma-cross" }, "parent");
    expect(await prod.read(key)).toBe("prod");
    expect(await staging.read(key)).toBe("staging");
    expect(await parent.keys("signals")).toEqual([]);
    expect(await prod.keys("signals")).toEqual([key]);
    await staging.delete(key);
    expect(await prod.read(key)).toBe("prod");
    await Promise.all([prod.close?.(), staging.close?.(), parent.close?.()]);
  });
});

describe.skipIf(redisServerMissing)("createRedisPersist failures", () => {
  it("reports a corrupt value with its Redis key and the way out, and leaves it untouched", async () => {
    const persist = createRedisPersist({ url: server.url, keyPrefix: "corrupt" });
    await raw.set("corrupt:signals:sma-cross:BTCUSDT", '{"open": tr');
    const error = await persist.read(key).catch((caught) => caught);
    expect(error).toBeInstanceOf(PersistError);
    expect(error.location).toBe("corrupt:signals:sma-cross:BTCUSDT");
    expect(error.message).toContain("persist.delete(key)");
    expect(await raw.get("corrupt:signals:sma-cross:BTCUSDT")).toBe('{"open": tr');
    await persist.delete(key);
    expect(await persist.read(key)).toBeNull();
    await persist.close?.();
  });

  it("opens no connection until used, then reports an unreachable server as a PersistError", async () => {
    const unused = await startRedisServer();
    await unused.stop();
    const persist = createRedisPersist({
      url: unused.url,
      keyPrefix: "down",
      connectTimeoutMs: 300,
      retryForMs: 600,
    });
    const started = Date.now();
    const error = await persist.read(key).catch((caught) => caught);
    expect(error).toBeInstanceOf(PersistError);
    expect(error.message).toContain("cannot read down:signals:sma-cross:BTCUSDT");
    expect(error.message).toContain("ECONNREFUSED");
    expect(Date.now() - started).toBeLessThan(3_000);
    await persist.close?.();
  });
});

describe("createRedisPersist options", () => {
  it("requires a key prefix, naming it", () => {
    expect(() => createRedisPersist({} as never)).toThrow(InvalidArgumentError);
    expect(() => createRedisPersist({} as never)).toThrow(/^\[persist-redis\] "keyPrefix" is missing/);
  });

  it("refuses malformed prefixes, both a client and a url, and unknown options", () => {
    for (const keyPrefix of ["", "candlewick prod", "a::b", "trailing:", "glob*"]) {
      expect(() => createRedisPersist({ keyPrefix }), keyPrefix).toThrow(/"keyPrefix"/);
    }
    const client = new Redis({ lazyConnect: true });
    // Refused before connecting: a URL is all this needs, not a running server.
    expect(() => createRedisPersist({ client, url: "redis://127.0.0.1:6379", keyPrefix: "x" })).toThrow(
      /either client or url/,
    );
    client.disconnect();
    expect(() => createRedisPersist({ keyPrefix: "x", url: "http://localhost" })).toThrow(/"url"/);
    expect(() => createRedisPersist({ keyPrefix: "x", client: {} as never })).toThrow(/ioredis Redis client/);
    expect(() => createRedisPersist({ keyPrefix: "x", prefix: "y" } as never)).toThrow(/prefix/);
  });

  it("refuses timeouts and retry settings that are not finite, whole, positive and at most 10 minutes", () => {
    const expected = (min: number) => `a whole number of milliseconds from ${min} to 600000`;
    const cases: [string, unknown, string][] = [
      ["retryForMs", Number.POSITIVE_INFINITY, "Infinity"],
      ["retryForMs", Number.NaN, "NaN"],
      ["retryForMs", -1, "-1"],
      ["retryForMs", 600_001, "600001"],
      ["retryForMs", 2.5, "2.5"],
      ["retryForMs", "10000", '"10000"'],
      ["retryDelayMs", 0, "0"],
      ["retryMaxDelayMs", 1e12, "1000000000000"],
      ["connectTimeoutMs", Number.POSITIVE_INFINITY, "Infinity"],
      ["connectTimeoutMs", 0, "0"],
      ["commandTimeoutMs", 3_600_000, "3600000"],
    ];
    for (const [field, value, shown] of cases) {
      const min = field === "retryForMs" ? 0 : 1;
      expect(() => createRedisPersist({ keyPrefix: "x", [field]: value }), `${field}: ${shown}`).toThrow(
        `[persist-redis] "${field}" is ${shown}; expected ${expected(min)}`,
      );
    }
    expect(() => createRedisPersist({ keyPrefix: "x", retryDelayMs: 2_000, retryMaxDelayMs: 1_000 })).toThrow(
      '[persist-redis] "retryDelayMs" is 2000; expected at most retryMaxDelayMs',
    );
    // The bounds themselves are accepted, and so is no retry at all.
    for (const options of [
      { retryForMs: 0 },
      { retryForMs: 600_000, retryDelayMs: 1, retryMaxDelayMs: 600_000 },
      { connectTimeoutMs: 1, commandTimeoutMs: 600_000 },
    ]) {
      expect(() => createRedisPersist({ keyPrefix: "x", ...options })).not.toThrow();
    }
  });

  it("names a misspelt retry option as unknown", () => {
    expect(() => createRedisPersist({ keyPrefix: "x", retryFor: 5_000 } as never)).toThrow(
      '[persist-redis] "retryFor" is 5000; expected no such option (misspelt?)',
    );
  });
});
