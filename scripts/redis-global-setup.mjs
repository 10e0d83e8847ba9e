// The Vitest globalSetup of a package whose tests need a real redis-server. A bare machine (README command 2)
// must pass without one, yet a broken adapter must not hide behind silently skipped tests: so the tests skip
// themselves (describe.skipIf(redisServerMissing)) and this prints one line saying so, while in CI it fails.
import {
  findRedisServer,
  isCi,
  REDIS_INSTALL_HINT,
  redisServerMissingReason,
} from "./redis-availability.mjs";

/**
 * A globalSetup for the tests of `suite` (a package name). With a redis-server it does nothing. Without one it
 * throws when CI is set, and otherwise, once the run is over, prints
 * `persist-redis: 37 tests skipped: redis-server not on PATH; install it (…) to run them`.
 */
export function redisGlobalSetup(suite) {
  return (project) => {
    if (findRedisServer() !== undefined) return undefined;
    const reason = redisServerMissingReason();
    if (isCi()) {
      throw new Error(
        `${suite}: ${reason}, and CI is set: CI must run the tests that need Redis, so ${REDIS_INSTALL_HINT} first`,
      );
    }
    // Teardown runs after the reporter's summary, so the line is the last thing the package prints.
    return () => {
      const skipped = countSkippedTests(project);
      const tests = skipped === 1 ? "1 test" : `${skipped} tests`;
      console.log(
        `${suite}: ${tests} skipped: ${reason}; ${REDIS_INSTALL_HINT} to run ${skipped === 1 ? "it" : "them"}`,
      );
    };
  };
}

function countSkippedTests(project) {
  let skipped = 0;
  for (const testModule of project.vitest.state.getTestModules()) {
    for (const _ of testModule.children.allTests("skipped")) skipped += 1;
  }
  return skipped;
}
