import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture } from "./__fixtures__/spawn-cli.js";

// Without --runner the worker backtests with research's runner: cli-research-workers.test.ts runs one on Redis.

describe("candlewick worker: usage errors", () => {
  it("refuses a bad --redis URL without showing its password", async () => {
    const { code, stderr } = await cli("worker", "--redis", "redis://admin:s3cret-pw@host/not-a-db");
    expect(code).toBe(2);
    expect(stderr).toContain("error: --redis is redis://admin:[redacted]@host/not-a-db");
    expect(stderr).toContain("hint: pass a database number as the URL's path");
    expect(stderr).not.toContain("s3cret-pw");
  });

  it("refuses a --concurrency that is not a whole number >= 1", async () => {
    const { code, stderr } = await cli(
      "worker",
      "--redis",
      "redis://127.0.0.1:6379",
      "--runner",
      fixture("trial-runner.ts"),
      "--concurrency",
      "0",
    );
    expect(code).toBe(2);
    expect(stderr).toContain('error: --concurrency is "0"');
  });
});
