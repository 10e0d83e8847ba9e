// Whether this machine can start a real redis-server, and what to say when it cannot. Plain JavaScript so that
// scripts/run-examples.mjs (run by node, with no TypeScript loader) and the test suites share one answer.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** What a user types to get a redis-server. */
export const REDIS_INSTALL_HINT = "install it (apt-get install redis-server / brew install redis)";

/**
 * The redis-server the tests and examples would spawn: `REDIS_SERVER_BIN` when set (a path, or a name looked up
 * on PATH), else `redis-server` on PATH. `undefined` when it is not an executable file.
 */
export function findRedisServer(env = process.env) {
  const binary = env.REDIS_SERVER_BIN || "redis-server";
  if (binary.includes("/")) return isExecutableFile(binary) ? binary : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir || ".", binary);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Why {@link findRedisServer} found nothing, in a few words, e.g. "redis-server not on PATH". */
export function redisServerMissingReason(env = process.env) {
  const binary = env.REDIS_SERVER_BIN;
  return binary ? `REDIS_SERVER_BIN (${binary}) is not an executable file` : "redis-server not on PATH";
}

/** Whether we run in CI, where a missing redis-server is a failure: CI set to anything but "", "0" or "false". */
export function isCi(env = process.env) {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
