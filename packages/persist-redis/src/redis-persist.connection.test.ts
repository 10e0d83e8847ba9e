import { PersistError } from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let server: RedisServer;

beforeAll(async () => {
  if (redisServerMissing) return;
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(redisServerMissing)("createRedisPersist when Redis goes away", () => {
  it("rejects every operation with a PersistError, then recovers once Redis is back", {
    timeout: 30_000,
  }, async () => {
    // A short retry budget: this test is about failing, bounded, once the budget is spent.
    const persist = createRedisPersist({
      url: server.url,
      keyPrefix: "outage",
      connectTimeoutMs: 300,
      retryForMs: 500,
    });
    await persist.write(key, { seq: 1 });

    await server.stop("SIGKILL");
    const started = Date.now();
    for (const operation of [
      () => persist.write(key, { seq: 2 }),
      () => persist.read(key),
      () => persist.has(key),
      () => persist.delete(key),
      () => persist.keys("signals"),
    ]) {
      const error = await operation().catch((caught) => caught);
      expect(error).toBeInstanceOf(PersistError);
      expect(error.adapter).toBe("redis");
    }
    // Fail fast and bounded: nothing is queued to run later, nothing hangs.
    expect(Date.now() - started).toBeLessThan(5 * 1_000);

    // A restarted server without persistence is empty: the adapter must reconnect by itself and serve it.
    await server.restart();
    await vi.waitFor(() => persist.write(key, { seq: 3 }), { timeout: 10_000, interval: 100 });
    expect(await persist.read(key)).toEqual({ seq: 3 });
    expect(await persist.keys("signals")).toEqual([key]);
    await persist.close?.();
  });

  it("does not apply a write that was rejected during the outage once Redis is back", {
    timeout: 30_000,
  }, async () => {
    const persist = createRedisPersist({
      url: server.url,
      keyPrefix: "no-replay",
      connectTimeoutMs: 300,
      retryForMs: 300,
    });
    await persist.write(key, { seq: 1 });
    await server.stop("SIGKILL");
    await expect(persist.write({ ...key, symbol: "ETHUSDT" }, { late: true })).rejects.toBeInstanceOf(
      PersistError,
    );
    await server.restart();
    await vi.waitFor(() => persist.has(key), { timeout: 10_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await persist.has({ ...key, symbol: "ETHUSDT" })).toBe(false);
    await persist.close?.();
  });
});
