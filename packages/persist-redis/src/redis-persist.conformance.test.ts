import { runPersistConformance } from "@candlewick/testkit";
import { describe } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { useRedisServer } from "./test-support/use-redis-server.js";

describe.skipIf(redisServerMissing)("on a real redis-server", () => {
  const server = useRedisServer();

  // Every adapter opens its own connection, as separate processes would.
  runPersistConformance("redis", () =>
    createRedisPersist({ url: server().url, keyPrefix: "candlewick:conformance" }),
  );
});
