import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture } from "./__fixtures__/spawn-cli.js";

// One UTC day of the shipped BTCUSDT candles (they cover 2025-06-01 00:00 → 2025-06-10 23:59).
const csv = `csv:${candleFixtureDir()}`;
const day = ["--symbol", "BTCUSDT", "--from", "2025-06-02", "--to", "2025-06-03", "--exchange", csv];

describe("candlewick CLI: a run with errors fails", () => {
  it("backtest: every getSignal throws → exit 1 with the total (96 quarter hours in a day), not 0", async () => {
    const { code, stdout, stderr } = await cli("backtest", fixture("always-throws.ts"), ...day);
    expect(code).toBe(1);
    // The report is still printed: it is what went through.
    expect(stdout).toContain("# Backtest report: always-throws");
    const lines = stderr.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("warning: ")).length).toBe(21);
    expect(lines.at(-2)).toBe("error: the run had 96 errors (20 printed above)");
    expect(lines.at(-1)).toMatch(/^hint: .*--allow-errors/);
  });

  it("backtest: every signal rejected (24 hourly signals) → exit 1 with the total", async () => {
    const { code, stderr } = await cli("backtest", fixture("always-rejected.ts"), ...day);
    expect(code).toBe(1);
    expect(stderr).toContain("error: the run had 24 errors (20 printed above)");
  });

  it("--allow-errors exits 0 and still states the total", async () => {
    const { code, stderr } = await cli("backtest", fixture("always-throws.ts"), ...day, "--allow-errors");
    expect(code).toBe(0);
    expect(stderr).toContain(
      "warning: the run had 96 errors (20 printed above); --allow-errors: exit code 0",
    );
  });

  it("walker: errors of any compared strategy fail the run", async () => {
    const { code, stderr } = await cli(
      "walker",
      fixture("always-throws.ts"),
      fixture("always-rejected.ts"),
      ...day,
    );
    expect(code).toBe(1);
    expect(stderr).toContain("error: the run had 120 errors (20 printed above)");
  });

  it("live: a replay of a symbol with no candle file fails instead of exiting 0", async () => {
    const { code, stderr } = await cli(
      "live",
      fixture("rsi-reversal.ts"),
      "--symbol",
      "SOLUSDT",
      "--exchange",
      csv,
      "--memory-state",
      "--replay-from",
      "2025-06-02",
      "--replay-to",
      "2025-06-03",
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^error: \[csv\] no candle file for SOLUSDT/m);
  });

  it("live: a replay window with no candles fails and shows the range the data covers", async () => {
    const { code, stderr } = await cli(
      "live",
      fixture("rsi-reversal.ts"),
      "--symbol",
      "BTCUSDT",
      "--exchange",
      csv,
      "--memory-state",
      "--replay-from",
      "2024-06-02",
      "--replay-to",
      "2024-06-03",
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      "BTCUSDT has no 1m candles in 2024-06-02T00:00:00Z .. 2024-06-03T00:00:00Z; the data covers 2025-06-01T00:00:00Z .. 2025-06-10T23:59:00Z",
    );
  });

  it("live: --replay-to before --replay-from is a usage error", async () => {
    const { code, stderr } = await cli(
      "live",
      fixture("rsi-reversal.ts"),
      "--symbol",
      "BTCUSDT",
      "--exchange",
      csv,
      "--memory-state",
      "--replay-from",
      "2025-06-03",
      "--replay-to",
      "2025-06-02",
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: --replay-to \(2025-06-02T00:00:00.000Z\) is not after --replay-from \(2025-06-03T00:00:00.000Z\)\nhint: /,
    );
  });
});
