import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { candleFixtureDir, loadCandleFixture, runStrategyOnCandles } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import rsiReversal from "./__fixtures__/rsi-reversal.js";

// The CLI from source, as the workspace runs it: node + tsx + the source export condition.
const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const csv = `csv:${candleFixtureDir()}`;
const window = ["--symbol", "BTCUSDT", "--from", "2025-06-02", "--to", "2025-06-06", "--exchange", csv];

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Outcome> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@candlewick/source", main, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<Outcome>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

const cli = (...args: string[]) => start(args).done;

describe("candlewick CLI", () => {
  it("backtests a strategy file on real candles and prints the markdown report", async () => {
    const { code, stdout, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window,
      "--param",
      "low=35",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Backtest report: rsi-reversal:low=35\n/);
    expect(stdout).toContain("| Closed trades ");
    expect(stdout).toMatch(/## Trades \(\d+\)/);
  });

  it("prints JSON with --json: the same statistics as the test harness on the same candles", async () => {
    const { code, stdout } = await cli("backtest", fixture("rsi-reversal.ts"), ...window, "--json");
    expect(code).toBe(0);
    const saved = JSON.parse(stdout) as {
      kind: string;
      data: { tradeCount: number; totalPnl: number; equityCurve: { equity: number[] } };
    };
    expect(saved.kind).toBe("backtest");
    const harness = await runStrategyOnCandles(rsiReversal, await loadCandleFixture("BTCUSDT"), {
      from: new Date("2025-06-02T00:00:00Z"),
      to: new Date("2025-06-06T00:00:00Z"),
    });
    expect(saved.data.tradeCount).toBe(harness.stats.tradeCount);
    expect(saved.data.tradeCount).toBeGreaterThan(3);
    expect(saved.data.totalPnl).toBeCloseTo(harness.stats.totalPnl!, 10);
    // the equity curve is part of the JSON: a start point, then one point per trade
    expect(saved.data.equityCurve.equity).toHaveLength(harness.stats.tradeCount + 1);
  });

  it("compares the variants of a walker file, writes the result and renders it back with report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-cli-"));
    const out = join(dir, "walk.json");
    const walked = await cli("walker", fixture("rsi-walker.ts"), ...window, "--json", "--out", out);
    expect(walked.code).toBe(0);
    expect(walked.stderr).toContain(`wrote ${out}`);
    const saved = JSON.parse(await readFile(out, "utf8"));
    expect(saved.kind).toBe("walker");
    expect(saved.data.metric).toBe("totalPnl");
    expect(saved.data.strategies.map((s: { strategyName: string }) => s.strategyName).sort()).toEqual([
      "rsi-reversal:high=65,low=35",
      "rsi-reversal:high=75,low=25",
    ]);
    const report = await cli("report", dir);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("rsi-reversal:high=65,low=35");
  });

  it.each([
    [["backtest", "missing.ts", ...window], /^error: no such file: missing\.ts\nhint: /],
    [
      ["backtest", fixture("rsi-reversal.ts"), ...window.slice(0, 2), "--from", "soon", "--to", "2025-06-06"],
      /^error: --from "soon" is not a date\nhint: /,
    ],
    [
      ["backtest", fixture("rsi-reversal.ts"), ...window, "--param", "period=1"],
      /^error: \[rsi-reversal params\] "period" is 1; expected .*\nhint: /,
    ],
    [
      ["backtest", fixture("not-a-strategy.ts"), ...window],
      /^error: .*not-a-strategy\.ts has no default export; expected a defineStrategy result\nhint: /,
    ],
    [
      ["backtest", fixture("rsi-reversal.ts"), "--from", "2025-06-02"],
      /required option '--symbol <symbol>' not specified/,
    ],
    [["walker", fixture("rsi-reversal.ts"), ...window], /^error: a walker compares at least 2 strategies/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [
      [
        "download",
        "--exchange",
        "csv:x",
        "--symbol",
        "BTCUSDT",
        "--from",
        "2025-06-01",
        "--to",
        "2025-06-02",
      ],
      /^error: download needs a ccxt exchange id/,
    ],
    [["report", "/nonexistent-candlewick-dir"], /^error: cannot read folder/],
  ])("exits 2 with a one-line error and a hint on bad usage (%#)", async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  });

  it("exits 1 when the run itself fails (no candles for the symbol)", async () => {
    const { code, stderr } = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window.slice(2),
      "--symbol",
      "SOLUSDT",
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: \[csv\] no candle file for SOLUSDT/);
  });

  it("has --help for every command", async () => {
    for (const command of ["backtest", "walker", "live", "download", "report"]) {
      const { code, stdout } = await cli(command, "--help");
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: candlewick ${command}`);
    }
  });

  it("runs live on a replay and stops gracefully on Ctrl-C; an idle wall-clock run stops at once", async () => {
    const live = (...extra: string[]) =>
      start([
        "live",
        fixture("rsi-reversal.ts"),
        "--symbol",
        "BTCUSDT",
        "--exchange",
        csv,
        "--memory-state",
        ...extra,
      ]);
    // A short replay runs to its end by itself.
    const finished = await live("--replay-from", "2025-06-02", "--replay-to", "2025-06-02T12:00:00Z").done;
    expect(finished.code).toBe(0);
    expect(finished.stdout).toMatch(/ opened +(long|short) BTCUSDT @ /);

    const replay = ["--replay-from", "2025-06-02", "--replay-to", "2025-06-10"];
    const graceful = live(...replay);
    graceful.child.stdout!.once("data", () => graceful.child.kill("SIGINT"));
    const stopped = await graceful.done;
    expect(stopped.stderr).toContain("stopping: no new signals");
    expect(stopped.code).toBe(0);
    // Nothing new after the stop: every position that opened was followed to its close, long before the replay's end.
    const lines = stopped.stdout.trim().split("\n");
    expect(lines.filter((line) => line.includes(" opened ")).length).toBe(
      lines.filter((line) => line.includes(" closed ")).length,
    );
    expect(Date.parse(lines.at(-1)!.split(" ")[0]!)).toBeLessThan(Date.parse("2025-06-09T00:00:00Z"));

    // On the wall clock an idle run does not wait for the next minute: the first Ctrl-C ends it at once.
    const idle = live();
    let askedAt = 0;
    idle.child.stderr!.on("data", (chunk: Buffer) => {
      if (askedAt === 0 && chunk.toString().includes("Ctrl-C to stop")) {
        askedAt = Date.now();
        idle.child.kill("SIGINT");
      }
    });
    const ended = await idle.done;
    expect(ended.stderr).toContain("stopping: no new signals");
    expect(ended.code).toBe(0);
    expect(Date.now() - askedAt).toBeLessThan(10_000);
  });
});
