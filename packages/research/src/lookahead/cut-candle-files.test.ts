import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { cutCandleCsv, withCandleFilesCutAt } from "./cut-candle-files.js";

const CSV = [
  "timestamp,open,high,low,close,volume",
  "0,1,1,1,1,1",
  "60000,2,2,2,2,1",
  "120000,3,3,3,3,1",
  "180000,4,4,4,4,1",
  "",
].join("\n");
const dir = mkdtempSync(join(tmpdir(), "cut-candle-files-"));
writeFileSync(join(dir, "BTCUSDT-1m.csv"), CSV);
writeFileSync(join(dir, "BTCUSDT-1m.csv.gz"), gzipSync(CSV));
writeFileSync(join(dir, "notes.txt"), "60000 stays");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cutCandleCsv", () => {
  it("keeps the header and the candles closed by the cut, nothing later", () => {
    // 1m candles opened at 0 and 60000 have closed at 120000; the one opened at 120000 has not.
    expect(cutCandleCsv(CSV, 60_000, 120_000).split("\n")).toEqual([
      "timestamp,open,high,low,close,volume",
      "0,1,1,1,1,1",
      "60000,2,2,2,2,1",
      "",
    ]);
  });
});

describe("withCandleFilesCutAt", () => {
  it("serves the folder's candle files cut, through named and default imports, and restores them", async () => {
    const original = fs.readFileSync;
    const seen = await withCandleFilesCutAt(dir, 120_000, async () => ({
      plain: readFileSync(join(dir, "BTCUSDT-1m.csv"), "utf8"),
      gzipped: gunzipSync(fs.readFileSync(join(dir, "BTCUSDT-1m.csv.gz"))).toString("utf8"),
      promised: await readFile(join(dir, "BTCUSDT-1m.csv"), { encoding: "utf8" }),
      other: readFileSync(join(dir, "notes.txt"), "utf8"),
    }));
    const rows = (text: string) => text.split("\n").filter((line) => /^\d/.test(line)).length;
    expect([rows(seen.plain), rows(seen.gzipped), rows(seen.promised)]).toEqual([2, 2, 2]);
    expect(seen.other).toBe("60000 stays");
    expect(fs.readFileSync).toBe(original);
    expect(rows(readFileSync(join(dir, "BTCUSDT-1m.csv"), "utf8"))).toBe(4);
  });

  it("restores the functions when the work throws", async () => {
    await expect(
      withCandleFilesCutAt(dir, 0, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(rowsOf(readFileSync(join(dir, "BTCUSDT-1m.csv"), "utf8"))).toBe(4);
  });
});

function rowsOf(text: string): number {
  return text.split("\n").filter((line) => /^\d/.test(line)).length;
}
