import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import { useRedisServer } from "../../persist-redis/src/test-support/use-redis-server.js";
import { runCliProcess as cli, smaCrossFile, startCli } from "./__fixtures__/spawn-cli.js";

const csv = `csv:${candleFixtureDir()}`;
const strategy = smaCrossFile;
const optimizeArgs = [
  "optimize",
  strategy,
  "--symbol",
  "BTCUSDT,ETHUSDT",
  "--from",
  "2025-06-02",
  "--to",
  "2025-06-08",
  "--exchange",
  csv,
  "--sampler",
  "tpe",
  "--trials",
  "8",
  "--seed",
  "3",
  "--json",
];

/**
 * Runs `args` in this process two trials at a time (`--parallel 2`) and on two worker threads (`--workers 2`):
 * both must succeed and print the same JSON, which is returned parsed.
 */
async function inProcessAndPooled(args: readonly string[]) {
  const inProcess = await cli(...args, "--parallel", "2");
  const pooled = await cli(...args, "--workers", "2");
  expect(inProcess.code, inProcess.stderr).toBe(0);
  expect(pooled.code, pooled.stderr).toBe(0);
  expect(pooled.stdout).toBe(inProcess.stdout);
  return JSON.parse(inProcess.stdout) as { data: { trials?: unknown[]; folds?: unknown[] } };
}

describe("candlewick optimize / walkforward --workers", () => {
  it("optimize --workers 2 prints the JSON of the in-process study with --parallel 2", async () => {
    const study = await inProcessAndPooled(optimizeArgs);
    expect(study.data.trials).toHaveLength(8);
  }, 180_000);

  it("walkforward --workers 2 prints the JSON of the in-process run", async () => {
    const args = [
      "walkforward",
      strategy,
      "--symbol",
      "BTCUSDT",
      "--from",
      "2025-06-02",
      "--to",
      "2025-06-09",
      "--exchange",
      csv,
      "--in-sample",
      "3",
      "--out-of-sample",
      "2",
      "--trials",
      "4",
      "--sampler",
      "random",
      "--json",
    ];
    const result = await inProcessAndPooled(args);
    expect(result.data.folds).toHaveLength(2);
  }, 180_000);

  it("refuses --workers with --redis, --workers 0 and a bad --redis (without showing its password)", async () => {
    const both = await cli(...optimizeArgs, "--workers", "2", "--redis", "redis://127.0.0.1:6379");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error: --workers and --redis both say where trials run");
    const none = await cli(...optimizeArgs, "--workers", "0");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error: --workers "0" is not a whole number from 1 to 256');
    const secret = await cli(...optimizeArgs, "--redis", "redis://admin:s3cret-pw@host/not-a-db");
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain("error: --redis is redis://admin:[redacted]@host/not-a-db");
    expect(secret.stderr).not.toContain("s3cret-pw");
  });
});

describe.skipIf(redisServerMissing)("candlewick optimize --redis with a worker (needs redis-server)", () => {
  const redis = useRedisServer();

  it("a worker without --runner backtests the trials; the study is the in-process one", async () => {
    const worker = startCli(["worker", "--redis", redis().url, "--queue", "cli-study", "--concurrency", "2"]);
    let stderr = "";
    const ready = new Promise<void>((resolve, reject) => {
      worker.child.stderr!.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes("worker: ready")) resolve();
      });
      worker.child.on("exit", () => reject(new Error(`the worker exited: ${stderr}`)));
    });
    try {
      await ready;
      expect(stderr).toContain("runner research's runTrialJob (backtests here)");
      const [queued, inProcess] = await Promise.all([
        cli(...optimizeArgs, "--redis", redis().url, "--queue", "cli-study", "--parallel", "2"),
        cli(...optimizeArgs, "--parallel", "2"),
      ]);
      expect(queued.code, queued.stderr).toBe(0);
      expect(inProcess.code, inProcess.stderr).toBe(0);
      expect(queued.stdout).toBe(inProcess.stdout);
      expect(queued.stderr).toContain(`trials go to queue "cli-study" on ${redis().url}`);
    } finally {
      worker.child.kill("SIGINT");
      await worker.done;
    }
  }, 180_000);
});
