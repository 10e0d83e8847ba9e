import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture } from "./__fixtures__/spawn-cli.js";

const csv = `csv:${candleFixtureDir()}`;

describe("candlewick CLI: runs that do nothing say why", () => {
  it("a second replay on the same saved state says the state was resumed and the window is past", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "candlewick-state-"));
    const replay = () =>
      cli(
        "live",
        fixture("rsi-reversal.ts"),
        "--symbol",
        "BTCUSDT",
        "--exchange",
        csv,
        "--state-dir",
        stateDir,
        "--replay-from",
        "2025-06-02",
        "--replay-to",
        "2025-06-02T12:00:00Z",
      );
    const first = await replay();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ opened +(long|short) BTCUSDT @ /);
    expect(first.stderr).not.toContain("nothing to replay");

    const second = await replay();
    expect(second.code).toBe(0);
    expect(second.stdout).toBe("");
    expect(second.stderr).toContain(
      `nothing to replay: resumed the saved state of rsi-reversal on BTCUSDT in ${stateDir}, which is already past this window (2025-06-02T00:00:00Z .. 2025-06-02T12:00:00Z)\nhint: `,
    );
  });
});

describe("candlewick walker: duplicate strategy names", () => {
  it("names both files that define the same strategy", async () => {
    const { code, stderr } = await cli(
      "walker",
      fixture("rsi-walker.ts"),
      fixture("rsi-walker-again.ts"),
      "--symbol",
      "BTCUSDT",
      "--from",
      "2025-06-02",
      "--to",
      "2025-06-03",
      "--exchange",
      csv,
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: strategy "rsi-reversal:high=65,low=35" is defined by both ${fixture("rsi-walker.ts")} and ${fixture("rsi-walker-again.ts")}\nhint: a walker compares distinct strategies: drop one of them, or give one a strategyName of its own\n`,
    );
  });
});
