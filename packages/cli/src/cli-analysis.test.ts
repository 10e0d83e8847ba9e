import { fileURLToPath } from "node:url";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli } from "./__fixtures__/spawn-cli.js";

const research = (path: string) => fileURLToPath(new URL(`../../research/src/${path}`, import.meta.url));
const day = ["--symbol", "BTCUSDT", "--from", "2025-06-04", "--to", "2025-06-05", "--history-days", "2"];
const csv = ["--exchange", `csv:${candleFixtureDir()}`];

describe("candlewick lookahead-analysis", () => {
  it("prints every decision of a strategy that reads the candle file, and exits 1", async () => {
    const file = research("lookahead/__fixtures__/file-peeking-strategy.ts");
    const { code, stdout, stderr } = await cli("lookahead-analysis", file, ...day, ...csv);
    expect(stderr).not.toMatch(/error/);
    // The same day as the library test: 24 hourly decisions, 10 of them signals seen from the file's future.
    expect(stdout).toContain("decisions: 24 (10 with a signal); re-made with the data cut: 24");
    expect(stdout).toContain("10 decision(s) changed when the later data was removed");
    expect(stdout).toMatch(
      /2025-06-04T00:00:00Z {2}full run: long @ market tp \d+(\.\d+)? sl \d+(\.\d+)? {2}\| {2}data cut here: no signal/,
    );
    expect(code).toBe(1);
  });

  it("finds nothing in an honest strategy and exits 0, also as JSON", async () => {
    const file = research("lookahead/__fixtures__/honest-cross-strategy.ts");
    const { code, stdout } = await cli(
      "lookahead-analysis",
      file,
      ...day,
      ...csv,
      "--samples",
      "5",
      "--json",
    );
    const report = JSON.parse(stdout) as { decisions: number; sampled: unknown[]; differences: unknown[] };
    expect([report.decisions, report.sampled.length, report.differences]).toEqual([24, 5, []]);
    expect(code).toBe(0);
  });

  it("names a missing --symbol with a hint", async () => {
    const file = research("lookahead/__fixtures__/honest-cross-strategy.ts");
    const { code, stderr } = await cli(
      "lookahead-analysis",
      file,
      "--from",
      "2025-06-04",
      "--to",
      "2025-06-05",
    );
    expect(stderr).toContain("required option '--symbol <symbol>' not specified");
    expect(code).toBe(2);
  });
});

describe("candlewick warmup-analysis", () => {
  it("prints the warm-up of each indicator the strategy streams", async () => {
    const file = research("warmup/__fixtures__/averages-strategy.ts");
    const { code, stdout } = await cli(
      "warmup-analysis",
      file,
      ...["--symbol", "BTCUSDT", "--from", "2025-06-05", "--to", "2025-06-06", "--history-days", "4"],
      ...csv,
      ...["--samples", "96", "--max-history", "300"],
    );
    // The figures of the library test (analyze-warmup.test.ts), which derives them independently.
    expect(stdout).toMatch(/^sma\(20\) +15m +96 +20 +200 /m);
    expect(stdout).toMatch(/^ema\(20\) +15m +96 +44 +200 /m);
    expect(code).toBe(0);
  });
});
