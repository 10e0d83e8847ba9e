import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import {
  type RedisServer,
  startRedisServer,
} from "../../persist-redis/src/test-support/start-redis-server.js";
import { cleanUpChildren, readOrNull, runChild, runCrashChain } from "./crash-harness.js";
import { CRASH_STRATEGY, SYMBOL } from "./crash-scenario.js";
import { expectCoverage, verifyCrashChain } from "./verify-chain.js";

// Each chain: an uninterrupted reference child, then KILLS children each SIGKILLed at a planned point and
// restarted on the state the previous one left, then one that runs to the end of the window. The persist-fs
// and persist-redis chains run side by side (each is sequential), which keeps the file near one minute.
const KILLS = 55;
const MIN_KILLS = 50;

let workDir = "";
let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-live-crash-"));
  // Without a redis-server only the persist-redis chain skips; vitest.global-setup.ts reports it (or fails in CI).
  if (redisServerMissing) return;
  server = await startRedisServer();
  client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await client.connect();
});
afterAll(async () => {
  await cleanUpChildren();
  client?.disconnect();
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe.concurrent("Live.run in a child process, killed with SIGKILL and restarted", () => {
  it(`persist-fs: resumes the same signals across ${KILLS} kills and matches the uninterrupted run`, {
    timeout: 400_000,
  }, async () => {
    const reference = await runChild(
      { CRASH_PERSIST: "fs", CRASH_FS_DIR: join(workDir, "fs-reference") },
      { kind: "none" },
    );
    const baseDir = join(workDir, "fs-chain");
    const stateDir = join(baseDir, "signals", CRASH_STRATEGY);
    const isTempFile = new RegExp(`^${SYMBOL}\\.json\\.\\d+$`);
    const started = performance.now();
    const chain = await runCrashChain({
      env: { CRASH_PERSIST: "fs", CRASH_FS_DIR: baseDir },
      kills: KILLS,
      seed: 20260401,
      readState: () => readOrNull(join(stateDir, `${SYMBOL}.json`)),
      listTempFiles: async () => {
        const names = await readdir(stateDir).catch(() => [] as string[]);
        return names.filter((name) => isTempFile.test(name));
      },
    });
    const coverage = verifyCrashChain(chain, reference);
    console.log(`[persist-fs] ${Math.round(performance.now() - started)} ms`, JSON.stringify(coverage));
    expectCoverage(coverage, MIN_KILLS);
    // The kills planned for when the write's temp file existed did land between the temp file and the rename.
    expect(coverage.midWriteTempFiles).toBeGreaterThanOrEqual(3);
    // Nothing but the state file and temp files of interrupted writes is ever in the state directory.
    const names = await readdir(stateDir);
    expect(names.filter((name) => name !== `${SYMBOL}.json` && !isTempFile.test(name))).toEqual([]);
  });

  it.skipIf(redisServerMissing)(
    `persist-redis: resumes the same signals across ${KILLS} kills and matches the uninterrupted run`,
    {
      timeout: 400_000,
    },
    async () => {
      const env = (keyPrefix: string) => ({
        CRASH_PERSIST: "redis",
        CRASH_REDIS_URL: server.url,
        CRASH_REDIS_PREFIX: keyPrefix,
      });
      const reference = await runChild(env("crash:reference"), { kind: "none" });
      const started = performance.now();
      const chain = await runCrashChain({
        env: env("crash:chain"),
        kills: KILLS,
        seed: 20260402,
        // The raw string as Redis holds it: the checks parse it themselves.
        readState: () => client.get(`crash:chain:signals:${CRASH_STRATEGY}:${SYMBOL}`),
      });
      const coverage = verifyCrashChain(chain, reference);
      console.log(`[persist-redis] ${Math.round(performance.now() - started)} ms`, JSON.stringify(coverage));
      expectCoverage(coverage, MIN_KILLS);
      // The adapter's index lists exactly the one live state of the chain.
      expect(await client.smembers("crash:chain:_index:signals")).toEqual([`${CRASH_STRATEGY}:${SYMBOL}`]);
    },
  );
});
