import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture, startCli } from "./__fixtures__/spawn-cli.js";

const csv = `csv:${candleFixtureDir()}`;
const window = ["--symbol", "BTCUSDT", "--from", "2025-06-02", "--to", "2025-06-04", "--exchange", csv];
const sdkRoot = fileURLToPath(new URL("../../sdk/", import.meta.url));
const cliRoot = fileURLToPath(new URL("../", import.meta.url));
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

/** A folder outside the repository holding a user's files, with the sdk and zod linked in as npm would install them. */
async function userFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "candlewick-user-"));
  await mkdir(join(dir, "node_modules", "@candlewick"), { recursive: true });
  await symlink(sdkRoot, join(dir, "node_modules", "@candlewick", "sdk"));
  await symlink(join(sdkRoot, "node_modules", "zod"), join(dir, "node_modules", "zod"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const strategySource = `import { defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

export default defineStrategy({
  name: "never-trades",
  interval: "15m",
  params: z.object({}),
  defaults: {},
  getSignal: () => null,
});
`;

describe("candlewick CLI: usage errors say what is wrong", () => {
  it("--version prints the cli's package.json version", async () => {
    const { version } = JSON.parse(await readFile(join(cliRoot, "package.json"), "utf8")) as {
      version: string;
    };
    const { code, stdout } = await cli("--version");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it("a misspelt option is reported as unknown, with the right one suggested", async () => {
    const { code, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      "--symbl",
      "BTCUSDT",
      ...window.slice(2),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: unknown option '--symbl'\n\(Did you mean --symbol\?\)/);
    expect(stderr).not.toContain("not specified");
  });

  it("a bad --metric lists every walker metric", async () => {
    const { code, stderr } = await cli("walker", fixture("rsi-walker.ts"), ...window, "--metric", "profit");
    expect(code).toBe(2);
    expect(stderr).toContain('error: --metric "profit" is not a walker metric');
    for (const metric of [
      "sharpeRatio",
      "totalPnl",
      "winRate",
      "maxDrawdown",
      "profitFactor",
      "expectancy",
    ]) {
      expect(stderr).toContain(metric);
    }
  });

  it("a window without candles shows the range the data covers", async () => {
    const { code, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window.slice(0, 2),
      "--from",
      "2024-01-01",
      "--to",
      "2024-01-05",
      "--exchange",
      csv,
    );
    expect(code).toBe(1);
    // The shipped fixtures' first and last candles (fixtures/README.md).
    expect(stderr).toContain("the data covers 2025-06-01T00:00:00Z .. 2025-06-10T23:59:00Z");
    noStack(stderr);
  });

  it.each([
    ["2026-02-30", /^error: --from "2026-02-30" is not a calendar date and time\nhint: /],
    ["1", /^error: --from "1" is not a date\nhint: /],
    ["2025-06-02T10:00", /^error: --from "2025-06-02T10:00" has no time zone\nhint: /],
  ])("--from %s is rejected, not read as another date", async (from, message) => {
    const { code, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window.slice(0, 2),
      "--from",
      from,
      "--to",
      "2025-06-04",
      "--exchange",
      csv,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each(["__proto__", "constructor", "prototype"])("--param %s=... is rejected", async (key) => {
    const { code, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window,
      "--param",
      `${key}={"low":1}`,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: --param "${key}" is not a parameter name\\nhint: `));
  });

  it("a strategy file with a syntax error: one line naming the file and the place, no stack", async () => {
    const dir = await userFolder({
      "package.json": '{ "type": "module" }',
      "broken.ts": `${strategySource.replace("getSignal: () => null,", "getSignal: () => null,,")}`,
    });
    const { code, stdout, stderr } = await cli("backtest", join(dir, "broken.ts"), ...window);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: .*broken\.ts does not compile: .*broken\.ts:9:\d+: /);
    expect(stderr.trim().split("\n").length).toBe(2);
    noStack(stderr);
  });

  it("a folder passed as the strategy file: one clear line", async () => {
    const dir = await userFolder({});
    const { code, stderr } = await cli("backtest", dir, ...window);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .* is a folder, not a strategy file\nhint: /);
    noStack(stderr);
  });

  it("a .ts strategy in a folder whose package.json has no type: module (npm's default) loads", async () => {
    const dir = await userFolder({
      "package.json": '{ "name": "my-strategies", "version": "1.0.0" }',
      "strategy.ts": strategySource,
    });
    const { code, stdout, stderr } = await cli("backtest", join(dir, "strategy.ts"), ...window);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Backtest report: never-trades\n/);
  });
});

describe("candlewick report", () => {
  async function savedResults(copies: number): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-report-"));
    const first = join(dir, "run-000.json");
    const saved = await cli("backtest", fixture("rsi-reversal.ts"), ...window, "--json", "--out", first);
    expect(saved.code).toBe(0);
    const text = await readFile(first, "utf8");
    for (let index = 1; index < copies; index++) {
      await writeFile(join(dir, `run-${String(index).padStart(3, "0")}.json`), text);
    }
    return dir;
  }

  it("stops quietly when the reader closes the pipe (report | head)", async () => {
    const dir = await savedResults(60);
    const run = startCli(["report", dir]);
    // Like `head -1`: read the first chunk, then close our end of the pipe.
    run.child.stdout!.once("data", () => run.child.stdout!.destroy());
    const { code, stderr } = await run.done;
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("result files of the wrong shape or not JSON: one error line each, the other files still rendered, exit 1", async () => {
    const dir = await savedResults(2);
    await writeFile(
      join(dir, "run-001.json"),
      JSON.stringify({ kind: "backtest", version: 1, data: { strategyName: 3 } }),
    );
    await writeFile(join(dir, "run-002.json"), "not json\n");
    const { code, stdout, stderr } = await cli("report", dir);
    expect(code).toBe(1);
    expect(stdout).toContain("# Backtest report: rsi-reversal");
    const lines = stderr.trim().split("\n");
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^error: .*run-001\.json is not a valid backtest result: data\.strategyName: /);
    expect(lines[1]).toMatch(/^error: .*run-002\.json is not JSON \(.*\)$/);
    expect(lines[2]).toBe("error: 2 of 3 result files could not be rendered");
    noStack(stderr);
  });
});
