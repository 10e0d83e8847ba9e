import { afterAll, beforeAll } from "vitest";
import { type RedisServer, type RedisServerOptions, startRedisServer } from "./start-redis-server.js";

/**
 * A redis-server for the tests of the enclosing `describe` (or file): started before them, disposed of after
 * them. Returns a getter, since the server exists only once `beforeAll` has run.
 */
export function useRedisServer(options: RedisServerOptions = {}): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer(options);
  });
  afterAll(async () => {
    await server?.dispose();
  });
  return () => {
    if (server === undefined) throw new Error("the redis-server is not started yet: read it inside a test");
    return server;
  };
}
