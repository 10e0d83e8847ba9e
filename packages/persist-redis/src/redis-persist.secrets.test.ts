import { inspect } from "node:util";
import { CandlewickError, InvalidArgumentError, PersistError, REDACTED } from "@candlewick/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

/** The credential fed through every error path; it must come out of none of them. */
const SECRET = "s3cret-Zq9w";
const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let locked: RedisServer;

beforeAll(async () => {
  if (redisServerMissing) return;
  locked = await startRedisServer({ password: "the-right-one" });
});
afterAll(async () => {
  await locked?.dispose();
});

/** Every way an error gets shown or logged: none may hold the secret. */
function expectNoSecret(error: unknown, label: string): void {
  expect(CandlewickError.isInstance(error), `${label}: ${String(error)}`).toBe(true);
  const candlewickError = error as CandlewickError;
  for (const [where, text] of [
    ["String(error)", String(error)],
    ["message", candlewickError.message],
    ["details", JSON.stringify(candlewickError.details)],
    ["stack", candlewickError.stack ?? ""],
    // What console.error or a logger prints: the cause chain and every own property included.
    ["inspect", inspect(error, { depth: 10 })],
  ] as const) {
    expect(text, `${label}, ${where}`).not.toContain(SECRET);
  }
}

function thrownBy(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  throw new Error("expected createRedisPersist to throw");
}

describe("createRedisPersist never shows a credential in an error", () => {
  const badUrls = [
    `http://user:${SECRET}@redis.internal:6379`, // the wrong scheme, the case of issue 9
    `user:${SECRET}@redis.internal:6379`, // no scheme at all
    `http://${SECRET}@redis.internal`, // userinfo without a username
    `http://user:${SECRET}@x@redis.internal`, // an unencoded @ in the password
    `redis://user:${SECRET}@redis internal:6379`, // a space in the host: Node's URL error quotes its input
    `redis://:${SECRET}@[::1`,
    `redis://user:${SECRET}@redis.internal:99999`,
    `redis://user:${SECRET}@redis.internal/not-a-db`,
    `redis://user:${SECRET}%zz@redis.internal`, // bad percent-encoding: ioredis throws a URIError
    `http://redis.internal:6379/?password=${SECRET}`, // ioredis reads a password from the query
  ];

  it.each(badUrls)("rejects the url %#, naming the field, with the password masked", (url) => {
    const error = thrownBy(() => createRedisPersist({ url, keyPrefix: "x" }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe("url");
    expect((error as Error).message).toMatch(/^\[persist-redis\] "url" is "[^"]*"; expected /);
    expect((error as Error).message).toContain(REDACTED);
    expectNoSecret(error, url);
  });

  it("shows the rest of a wrong-scheme URL, so the mistake can be seen", () => {
    const error = thrownBy(() =>
      createRedisPersist({ url: `http://user:${SECRET}@redis.internal:6379`, keyPrefix: "x" }),
    );
    expect((error as Error).message).toBe(
      `[persist-redis] "url" is "http://user:${REDACTED}@redis.internal:6379"; expected a redis:// or rediss:// URL, e.g. redis://localhost:6379/0`,
    );
  });

  it("masks the secret in every other option error", () => {
    const client = new Redis({ lazyConnect: true, password: SECRET });
    const cases: [string, () => unknown][] = [
      ["client and url", () => createRedisPersist({ client, url: `redis://u:${SECRET}@h`, keyPrefix: "x" })],
      ["unknown password option", () => createRedisPersist({ keyPrefix: "x", password: SECRET } as never)],
      [
        "unknown nested option",
        () => createRedisPersist({ keyPrefix: "x", redis: { host: "h", password: SECRET } } as never),
      ],
      ["url as an object", () => createRedisPersist({ keyPrefix: "x", url: { password: SECRET } } as never)],
      [
        "url as a URL",
        () => createRedisPersist({ keyPrefix: "x", url: new URL(`redis://u:${SECRET}@h`) } as never),
      ],
      [
        "not a client",
        () => createRedisPersist({ keyPrefix: "x", client: { options: { password: SECRET } } } as never),
      ],
      ["a URL as keyPrefix", () => createRedisPersist({ keyPrefix: `redis://u:${SECRET}@h` })],
      [
        "a bad option next to a client holding the password",
        () => createRedisPersist({ client, keyPrefix: "x", retryForMs: -1 }),
      ],
    ];
    for (const [label, create] of cases) {
      const error = thrownBy(create);
      expect(error, label).toBeInstanceOf(InvalidArgumentError);
      expectNoSecret(error, label);
    }
    client.disconnect();
  });

  it.skipIf(redisServerMissing)(
    "masks the password of a refused login (WRONGPASS), reported at once, not retried",
    async () => {
      const persist = createRedisPersist({
        url: `redis://default:${SECRET}@127.0.0.1:${locked.port}`,
        keyPrefix: "locked",
      });
      const started = Date.now();
      const error = await persist.write(key, { open: true }).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(PersistError);
      expect((error as Error).message).toContain("WRONGPASS");
      expectNoSecret(error, "WRONGPASS");
      await persist.close?.();
    },
  );

  it.skipIf(redisServerMissing)(
    "masks the password in the error of an unreachable server, after retries",
    async () => {
      const gone = await startRedisServer();
      await gone.stop();
      const persist = createRedisPersist({
        url: `redis://default:${SECRET}@127.0.0.1:${gone.port}`,
        keyPrefix: "gone",
        connectTimeoutMs: 200,
        retryForMs: 400,
      });
      const error = await persist.read(key).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/gave up after \d+ attempts/);
      expect((error as Error).message).toContain("ECONNREFUSED");
      expectNoSecret(error, "ECONNREFUSED");
      await persist.close?.();
    },
  );
});
