// Types of redis-global-setup.mjs, for the packages' vitest.global-setup.ts files.
import type { TestProject } from "vitest/node";

/** A Vitest globalSetup for the tests of `suite` that need a real redis-server: see redis-global-setup.mjs. */
export declare function redisGlobalSetup(suite: string): (project: TestProject) => (() => void) | undefined;
