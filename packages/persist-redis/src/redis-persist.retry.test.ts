import { PersistError } from "@candlewick/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { readAofCommands } from "./test-support/read-aof-commands.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

const key = { namespace: "signals", strategyName: "blip", symbol: "BTCUSDT" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let server: RedisServer;

beforeAll(async () => {
  if (redisServerMissing) return;
  // Durable, so a restart after SIGKILL keeps every acknowledged write and the AOF lists them in order.
  server = await startRedisServer({ durable: true });
});
afterAll(async () => {
  await server?.dispose();
});

/** Kills redis-server as a crash would, keeps it down for `downMs`, then starts it again on the same port. */
async function blip(downMs: number): Promise<void> {
  await server.stop("SIGKILL");
  await sleep(downMs);
  await server.restart();
}

/** The `seq` of every SET of `redisKey` Redis applied, in its order, with the repeats of a retry removed. */
function appliedSeqs(redisKey: string): number[] {
  const seqs = readAofCommands(server.aofDir!)
    .filter(([name, target]) => name?.toUpperCase() === "SET" && target === redisKey)
    .map(([, , value]) => (JSON.parse(value!) as { seq: number }).seq);
  return seqs.filter((seq, index) => seq !== seqs[index - 1]);
}

describe.skipIf(redisServerMissing)("createRedisPersist through a Redis outage", () => {
  it("lands every write of a loop, in order, across a 500 ms outage, 10 times out of 10", {
    timeout: 120_000,
  }, async () => {
    const failures: string[] = [];
    for (let trial = 1; trial <= 10; trial += 1) {
      const keyPrefix = `blip:t${trial}`;
      const persist = createRedisPersist({ url: server.url, keyPrefix });
      let outageOver = false;
      // The outage starts while the loop is writing flat out, so a write is almost always in flight.
      const outage = sleep(30)
        .then(() => blip(500))
        .then(() => {
          outageOver = true;
        });
      let acknowledged = 0;
      const loop = async () => {
        for (let writesAfter = 0; writesAfter < 20; ) {
          await persist.write(key, { seq: acknowledged + 1 });
          acknowledged += 1;
          if (outageOver) writesAfter += 1;
        }
      };
      const failure = await loop().then(
        () => undefined,
        (error: unknown) => error,
      );
      await outage;
      await persist.close?.();
      if (failure !== undefined) {
        failures.push(`trial ${trial}: ${String(failure)}`);
        continue;
      }
      // Every acknowledged write is in the AOF (fsynced before each reply), once or repeated by a retry,
      // in the order the loop made them: 1, 2, ..., n, nothing lost, nothing reordered.
      const redisKey = `${keyPrefix}:signals:blip:BTCUSDT`;
      expect(appliedSeqs(redisKey), `trial ${trial}`).toEqual(
        Array.from({ length: acknowledged }, (_, index) => index + 1),
      );
      const raw = new Redis(server.url);
      expect(JSON.parse((await raw.get(redisKey))!)).toEqual({ seq: acknowledged });
      await raw.quit();
    }
    expect(failures).toEqual([]);
  });

  it("gives up on an outage longer than retryForMs with a PersistError saying so, within the budget", {
    timeout: 30_000,
  }, async () => {
    const persist = createRedisPersist({
      url: server.url,
      keyPrefix: "long-outage",
      connectTimeoutMs: 300,
      retryForMs: 1_500,
    });
    await persist.write(key, { seq: 1 });
    await server.stop("SIGKILL");
    const started = Date.now();
    const error = await persist.write(key, { seq: 2 }).catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;
    await server.restart();

    expect(error).toBeInstanceOf(PersistError);
    const message = (error as PersistError).message;
    expect(message).toMatch(/^\[persist-redis\] cannot write long-outage:signals:blip:BTCUSDT: /);
    const attempts = Number(message.match(/gave up after (\d+) attempts over (\d+) ms/)?.[1]);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(message).toContain("retryForMs: 1500");
    expect(message).toContain("ECONNREFUSED");
    expect(elapsed).toBeGreaterThanOrEqual(1_500);
    expect(elapsed).toBeLessThan(1_500 + 1_000);
    await persist.close?.();
  });

  it("retries a command that timed out while Redis was frozen, and resolves once it is written", {
    timeout: 30_000,
  }, async () => {
    const persist = createRedisPersist({ url: server.url, keyPrefix: "frozen", commandTimeoutMs: 200 });
    await persist.write(key, { seq: 1 });
    server.signal("SIGSTOP");
    let settled = false;
    const write = persist.write(key, { seq: 2 }).then(
      () => "written",
      (error: unknown) => String(error),
    );
    void write.finally(() => {
      settled = true;
    });
    try {
      await sleep(700);
    } finally {
      server.signal("SIGCONT");
    }
    // Still waiting after 3 command timeouts: neither reported as done nor failed while Redis was frozen.
    expect(settled).toBe(false);
    expect(await write).toBe("written");
    const raw = new Redis(server.url);
    expect(await raw.get("frozen:signals:blip:BTCUSDT")).toBe('{"seq":2}');
    await raw.quit();
    await persist.close?.();
  });

  it("with retryForMs: 0 fails on the first connection error, as before", { timeout: 30_000 }, async () => {
    const persist = createRedisPersist({
      url: server.url,
      keyPrefix: "no-retry",
      commandTimeoutMs: 200,
      retryForMs: 0,
    });
    await persist.write(key, { seq: 1 });
    server.signal("SIGSTOP");
    const started = Date.now();
    const error = await persist
      .write(key, { seq: 2 })
      .catch((caught: unknown) => caught)
      .finally(() => server.signal("SIGCONT"));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(PersistError);
    expect((error as Error).message).toContain("Command timed out");
    expect((error as Error).message).not.toContain("gave up");
    expect(elapsed).toBeLessThan(1_500);
    await persist.close?.();
  });

  it("rejects at once on an error a retry cannot fix (WRONGTYPE)", async () => {
    const persist = createRedisPersist({ url: server.url, keyPrefix: "wrongtype" });
    const raw = new Redis(server.url);
    await raw.set("wrongtype:_index:signals", "not a set");
    const started = Date.now();
    const error = await persist.write(key, { seq: 1 }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(PersistError);
    expect((error as Error).message).toContain("WRONGTYPE");
    expect((error as Error).message).not.toContain("gave up");
    await raw.quit();
    await persist.close?.();
  });
});
