import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ExchangeError } from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableToCandles } from "./candle-table.js";
import { formatCandleCsv } from "./format-candle-csv.js";
import { parseCandleCsv, readCandleCsv } from "./read-candle-csv.js";

const problem = (message: string) => new Error(message);
const parse = (text: string) => {
  const { table, comments } = parseCandleCsv(text, "f", problem);
  return { candles: tableToCandles(table), comments };
};

describe("parseCandleCsv", () => {
  it("reads rows with or without a header, skipping blank lines, keeping # comments, accepting CRLF", () => {
    const text =
      "# note\r\ntimestamp,open,high,low,close,volume\r\n\r\n60000,1,2,0.5,1.5,10\r\n#between\r\n120000,1.5,2,1,1,0\r\n";
    expect(parse(text)).toEqual({
      comments: ["note", "between"],
      candles: [
        { timestamp: 60000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
        { timestamp: 120000, open: 1.5, high: 2, low: 1, close: 1, volume: 0 },
      ],
    });
    expect(parse("60000,1,2,0.5,1.5,10").candles).toHaveLength(1);
  });

  it("names the file and line of a bad header or row", () => {
    expect(() => parse("time,o,h,l,c,v\n")).toThrow(
      'f:1: header is "time,o,h,l,c,v"; expected "timestamp,open,high,low,close,volume"',
    );
    expect(() => parse("# c\n60000,1,2,0.5,1.5\n")).toThrow(
      'f:2: "60000,1,2,0.5,1.5" is not 6 numbers (timestamp,open,high,low,close,volume)',
    );
    expect(() => parse("60000,1,2,,1.5,3\n")).toThrow('f:1: "60000,1,2,,1.5,3" is not 6 numbers');
    expect(() => parse("60000,1,x,1,1.5,3\n")).toThrow('f:1: "60000,1,x,1,1.5,3" is not 6 numbers');
  });

  it("leaves the order to the caller unless asked for increasing rows", () => {
    const text = "120000,1,1,1,1,1\n60000,1,1,1,1,1\n";
    expect(parse(text).candles.map((c) => c.timestamp)).toEqual([120000, 60000]);
    expect(() => parseCandleCsv(text, "f", problem, { increasing: true })).toThrow(
      "f:2: timestamps must be strictly increasing",
    );
  });
});

describe("formatCandleCsv", () => {
  it("writes comments, the header and rows that parse back to the same candles", () => {
    const candles = [
      { timestamp: 60000, open: 0.1 + 0.2, high: 1e21, low: 1e-7, close: 0.3, volume: 0 },
      { timestamp: 120000, open: 105573.73, high: 105600, low: 105500.5, close: 105573.74, volume: 12.345 },
    ];
    const text = formatCandleCsv(candles, ["one", "covered: 1-2"]);
    expect(text.split("\n").slice(0, 4)).toEqual([
      "# one",
      "# covered: 1-2",
      "timestamp,open,high,low,close,volume",
      "60000,0.30000000000000004,1e+21,1e-7,0.3,0",
    ]);
    expect(parse(text)).toEqual({ candles, comments: ["one", "covered: 1-2"] });
  });
});

describe("readCandleCsv", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "candlewick-read-csv-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a gzip file whatever its name, skipping # lines", async () => {
    const path = join(dir, "cache-chunk.bin");
    await writeFile(path, gzipSync("# meta: x\ntimestamp,open,high,low,close,volume\n0,1,2,0.5,1.5,3\n"));
    expect(tableToCandles(await readCandleCsv(path, "ex"))).toEqual([
      { timestamp: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 },
    ]);
  });

  it("rejects a disordered file with an ExchangeError naming the line", async () => {
    const path = join(dir, "disordered.csv");
    await writeFile(path, "timestamp,open,high,low,close,volume\n60000,1,1,1,1,1\n60000,1,1,1,1,1\n");
    const error = await readCandleCsv(path, "ex").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as Error).message).toBe(`[ex] ${path}:3: timestamps must be strictly increasing`);
  });

  it("names the file it cannot read", async () => {
    const path = join(dir, "missing.csv");
    await expect(readCandleCsv(path, "ex")).rejects.toThrow(`[ex] cannot read candle file ${path}: ENOENT`);
  });
});
