import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { Candle } from "@candlewick/core";

const gunzipAsync = promisify(gunzip);

/** The one CSV layout Candlewick reads and writes (also the layout of the repository's real candle files). */
export const CANDLE_CSV_HEADER = "timestamp,open,high,low,close,volume";

/** Rows of a candle CSV plus its `#` comment lines (the cache keeps its metadata there). */
export interface ParsedCandleCsv {
  readonly candles: Candle[];
  readonly comments: string[];
}

/**
 * Parses `timestamp,open,high,low,close,volume` rows (epoch ms open time, then numbers). The header line is
 * optional, blank lines are skipped, lines starting with `#` are returned as comments. A malformed line throws
 * through `problem` with `location:line`. Values are not checked for sanity here: `validateCandles` does that.
 */
export function parseCandleCsv(
  text: string,
  location: string,
  problem: (message: string) => Error,
): ParsedCandleCsv {
  const candles: Candle[] = [];
  const comments: string[] = [];
  let sawData = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      comments.push(line.replace(/^#\s?/, ""));
      continue;
    }
    const where = `${location}:${index + 1}`;
    if (!sawData && /^[A-Za-z]/.test(line)) {
      sawData = true;
      if (line.toLowerCase().replace(/\s/g, "") !== CANDLE_CSV_HEADER) {
        throw problem(`${where}: header is "${line}"; expected "${CANDLE_CSV_HEADER}"`);
      }
      continue;
    }
    sawData = true;
    const fields = line.split(",");
    const numbers = fields.map((field) => (field.trim() === "" ? Number.NaN : Number(field)));
    if (fields.length !== 6 || numbers.some((value) => Number.isNaN(value))) {
      throw problem(`${where}: "${line}" is not 6 numbers (${CANDLE_CSV_HEADER})`);
    }
    const [timestamp, open, high, low, close, volume] = numbers as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    candles.push({ timestamp, open, high, low, close, volume });
  }
  return { candles, comments };
}

/** Reads a candle CSV file, gunzipping it when it starts with the gzip magic bytes (whatever its name). */
export async function readCandleCsvFile(
  path: string,
  problem: (message: string) => Error,
): Promise<ParsedCandleCsv> {
  const bytes = await readFile(path);
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (isGzip ? await gunzipAsync(bytes) : bytes).toString("utf8");
  return parseCandleCsv(text, path, problem);
}
