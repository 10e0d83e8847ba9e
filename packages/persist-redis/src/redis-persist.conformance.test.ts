import { runPersistConformance } from "@candlewick/testkit";
import { afterAll, beforeAll } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

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
