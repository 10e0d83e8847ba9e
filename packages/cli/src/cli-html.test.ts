import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const window = [
  "--symbol",
  "BTCUSDT",
  "--from",
  "2025-06-02",
  "--to",
  "2025-06-06",
  "--exchange",
  `csv:${candleFixtureDir()}`,
];

/** The CLI from source in a child process (it registers into the default engine, once per process). */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@candlewick/source", main, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const captured = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    captured.stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    captured.stderr += String(chunk);
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, ...captured })));
}

/** The JSON a page embeds in `#candlewick-data`, read back from the file. */
function embedded(html: string): { kind: string; data: { tradeCount?: number; walkerName?: string } } {
  const match = /<script type="application\/json" id="candlewick-data">(.*?)<\/script>/s.exec(html);
  if (match === null) throw new Error("no embedded data");
  return JSON.parse(match[1]!);
}

describe("--html", () => {
  it("backtest and walker write a self-contained page; report --html renders the saved JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-html-"));
    const backtest = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window,
      "--json",
      "--out",
      join(dir, "run.json"),
      "--html",
      join(dir, "direct.html"),
    );
    expect(backtest.stderr).toContain(`wrote ${join(dir, "direct.html")}`);
    expect(backtest.code).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, "run.json"), "utf8"));
    const page = await readFile(join(dir, "direct.html"), "utf8");
    expect(page).toContain('data-report-kind="backtest"');
    expect(embedded(page).data.tradeCount).toBe(saved.data.tradeCount);
    // the run's candles are on the page: one price chart, with the symbol's trades on it
    expect(page).toContain('"type":"candles"');
    expect(page).not.toMatch(/<script[^>]+src=/);

    const walker = await cli("walker", fixture("rsi-walker.ts"), ...window, "--html", join(dir, "walk.html"));
    expect(walker.code).toBe(0);
    expect(embedded(await readFile(join(dir, "walk.html"), "utf8")).kind).toBe("walker");

    const report = await cli("report", dir, "--html");
    expect(report.code).toBe(0);
    expect(report.stdout).toBe("");
    const rendered = await readFile(join(dir, "run.html"), "utf8");
    expect(embedded(rendered).data.tradeCount).toBe(saved.data.tradeCount);
  }, 120_000);
});
