// Types of redis-availability.mjs, for the TypeScript test suites that import it.

/** What a user types to get a redis-server. */
export declare const REDIS_INSTALL_HINT: string;
/** The redis-server the tests and examples would spawn, `undefined` when it is not an executable file. */
export declare function findRedisServer(env?: NodeJS.ProcessEnv): string | undefined;
/** Why {@link findRedisServer} found nothing, in a few words, e.g. "redis-server not on PATH". */
export declare function redisServerMissingReason(env?: NodeJS.ProcessEnv): string;
/** Whether we run in CI, where a missing redis-server is a failure. */
export declare function isCi(env?: NodeJS.ProcessEnv): boolean;
