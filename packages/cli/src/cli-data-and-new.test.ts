import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { importCandlesCsv } from "@candlewick/exchange-ccxt";
import { candleFixtureDir } from "@candlewick/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { runCliProcess as cli } from "./__fixtures__/spawn-cli.js";
import type { CandleSeries } from "./candle-inventory.js";

const workspace = fileURLToPath(new URL("../../../", import.meta.url));
const dataDir = join(workspace, "data", "candles");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Range, rows and gaps of a 1m candle file, read here line by line (not with the CLI's reader). */
function expectedSeries(path: string) {
  const timestamps = gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((line) => /^\d/.test(line))
    .map((line) => Number(line.split(",")[0]));
  const gaps = [];
  for (let i = 1; i < timestamps.length; i++) {
    const missing = (timestamps[i]! - timestamps[i - 1]!) / 60_000 - 1;
    if (missing > 0) gaps.push({ from: timestamps[i - 1]! + 60_000, to: timestamps[i]!, missing });
  }
  return { rows: timestamps.length, from: timestamps[0]!, to: timestamps.at(-1)! + 60_000, gaps };
}

function candleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith("-1m.csv.gz"))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("candlewick list-data", () => {
  it("lists every candle file of data/candles with the range, rows and gaps the file holds", async () => {
    const { code, stdout } = await cli(
      "list-data",
      "--dir",
      dataDir,
      "--cache-dir",
      join(tmpdir(), "no-such-cache"),
      "--json",
    );
    expect(code).toBe(0);
    const listing = JSON.parse(stdout) as {
      csv: { series: CandleSeries[] };
      ccxtCache: { series: CandleSeries[] };
    };
    const files = candleFiles(dataDir);
    expect(files.length).toBe(10);
    expect(listing.csv.series).toHaveLength(files.length);
    for (const file of files) {
      const location = relative(dataDir, join(file, "..")) || ".";
      const symbol = file.split("/").at(-1)!.replace("-1m.csv.gz", "");
      const found = listing.csv.series.find((item) => item.location === location && item.symbol === symbol);
      expect(found, file).toEqual({ location, symbol, interval: "1m", files: 1, ...expectedSeries(file) });
    }
    // The figures data/candles/README.md states.
    const btc = listing.csv.series.find((item) => item.location === "." && item.symbol === "BTCUSDT")!;
    expect([btc.rows, new Date(btc.from).toISOString(), btc.gaps]).toEqual([
      130_708,
      "2025-05-20T00:00:00.000Z",
      [],
    ]);
    const halted = listing.csv.series.find(
      (item) => item.location === "sets/spot-2023-03" && item.symbol === "BTCUSDT",
    )!;
    expect(halted.gaps).toEqual([
      { from: Date.parse("2023-03-24T12:40:00Z"), to: Date.parse("2023-03-24T14:00:00Z"), missing: 80 },
    ]);
    expect(listing.ccxtCache.series).toEqual([]);
  });

  it("lists the ccxt cache that importCandlesCsv filled, with the range it reports", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "candlewick-cache-"));
    made.push(cacheDir);
    const file = join(candleFixtureDir(), "ETHUSDT-1m.csv.gz");
    const summary = await importCandlesCsv({
      cacheDir,
      exchange: "binance",
      symbol: "ETH/USDT",
      interval: "1m",
      file,
    });
    const { code, stdout } = await cli("list-data", "--dir", candleFixtureDir(), "--cache-dir", cacheDir);
    expect(code).toBe(0);
    const from = new Date(summary.range!.from).toISOString().slice(0, 16).replace("T", " ");
    const to = new Date(summary.range!.to).toISOString().slice(0, 16).replace("T", " ");
    expect(stdout).toMatch(
      new RegExp(
        `^ {2}binance +ETH/USDT +1m +${from} +${to} +${summary.rows.toLocaleString("en-US")} +none$`,
        "m",
      ),
    );
    expect(summary.gaps).toEqual([]);
  });
});

describe("candlewick new", () => {
  it("scaffolds a strategy package whose own test passes at once", async () => {
    // Inside the workspace, so the package resolves @candlewick/sdk, zod and vitest from the root node_modules.
    const parent = mkdtempSync(join(workspace, ".candlewick-new-test-"));
    made.push(parent);
    const { code, stdout } = await cli("new", "@me/cross-idea", "--dir", parent);
    expect(code).toBe(0);
    const root = join(parent, "cross-idea");
    expect(stdout).toContain(`created ${root}`);
    expect(readdirSync(root).sort()).toEqual(["README.md", "package.json", "src", "tsconfig.json"]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    const sdkVersion = JSON.parse(readFileSync(join(workspace, "packages/sdk/package.json"), "utf8")).version;
    expect([manifest.name, manifest.dependencies["@candlewick/sdk"]]).toEqual([
      "@me/cross-idea",
      `^${sdkVersion}`,
    ]);
    expect(readFileSync(join(root, "src/strategy.ts"), "utf8")).toContain('name: "cross-idea"');

    // Its test, run by vitest with the workspace's source condition (outside, the published sdk's dist is used).
    const conditions = '["@candlewick/source", "node", "import", "module", "default"]';
    writeFileSync(
      join(parent, "vitest.config.mjs"),
      `export default { resolve: { conditions: ${conditions} }, ssr: { resolve: { conditions: ${conditions}, externalConditions: ${conditions} } } };\n`,
    );
    const vitest = join(workspace, "node_modules/vitest/vitest.mjs");
    // A child vitest: slow on a loaded machine, hence this test's own timeout.
    const run = spawnSync(
      process.execPath,
      [vitest, "run", "--root", root, "--config", join(parent, "vitest.config.mjs")],
      {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      },
    );
    expect(run.stdout + run.stderr).toMatch(/Tests +2 passed \(2\)/);
    expect(run.status).toBe(0);

    const again = await cli("new", "@me/cross-idea", "--dir", parent);
    expect(again.stderr).toContain("exists and is not empty");
    expect(again.code).toBe(2);
  }, 180_000);

  it("refuses a name that is not a package name", async () => {
    const { code, stderr } = await cli("new", "My Strategy");
    expect(stderr).toContain('"My Strategy" is not a valid package name');
    expect(code).toBe(2);
  });
});
