import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixture, runCliProcess } from "../__fixtures__/spawn-cli.js";

// `candlewick halt` in its own process, writing the flag a running `candlewick live` reads from the same folder.
describe("candlewick halt", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("writes the halt flag into the state folder, prints it with --status and removes it with --clear", async () => {
    dir = await mkdtemp(join(tmpdir(), "cw-halt-"));
    const base = ["halt", fixture("rsi-reversal.ts"), "--symbol", "BTCUSDT", "--state-dir", dir];
    const halted = await runCliProcess(...base, "--flatten", "--reason", "exchange incident");
    expect(halted.stderr).toBe("");
    expect(halted.code).toBe(0);
    expect(halted.stdout).toMatch(/^halted rsi-reversal on BTCUSDT \(state in .*\), flattening/);
    // persist-fs layout: <dir>/<namespace>/<strategy>/<symbol>.json, the strategy and symbol key-encoded.
    const stored = JSON.parse(await readFile(join(dir, "halts", "rsi-reversal", "BTCUSDT.json"), "utf8"));
    expect(stored).toMatchObject({ version: 1, by: "operator", reason: "exchange incident", flatten: true });

    const status = await runCliProcess(...base, "--status");
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      /is halted since \d{4}-.*Z by an operator \(flatten\): exchange incident\n$/,
    );

    const cleared = await runCliProcess(...base, "--clear");
    expect(cleared.code).toBe(0);
    const after = await runCliProcess(...base, "--status");
    expect(after.stdout).toMatch(/is not halted\n$/);
  }, 60_000);

  it("refuses to run without --symbol, and --clear together with --flatten", async () => {
    const noSymbol = await runCliProcess("halt", fixture("rsi-reversal.ts"));
    expect(noSymbol.code).toBe(2);
    expect(noSymbol.stderr).toMatch(/^error: --symbol is required\nhint: /);
    const both = await runCliProcess(
      "halt",
      fixture("rsi-reversal.ts"),
      "--symbol",
      "X",
      "--clear",
      "--flatten",
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exclude each other/);
  }, 60_000);
});
