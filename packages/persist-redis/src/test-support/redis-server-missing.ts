import { findRedisServer } from "../../../../scripts/redis-availability.mjs";

/**
 * True when this machine has no redis-server to start: the tests that need one skip themselves with
 * `describe.skipIf(redisServerMissing)`, and the package's globalSetup says so in one line (or fails in CI).
 */
export const redisServerMissing = findRedisServer() === undefined;
