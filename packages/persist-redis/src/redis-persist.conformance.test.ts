import { runPersistConformance } from "@candlewick/testkit";
import { afterAll, beforeAll, describe } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

describe.skipIf(redisServerMissing)("on a real redis-server", () => {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Every adapter opens its own connection, as separate processes would.
  runPersistConformance("redis", () =>
    createRedisPersist({ url: server!.url, keyPrefix: "candlewick:conformance" }),
  );
});
