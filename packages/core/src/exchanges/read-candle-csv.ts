import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { ExchangeError } from "../errors/exchange-error.js";
import type { CandleColumns } from "../spec/candle.js";

const gunzipAsync = promisify(gunzip);

/** Candle columns parsed from a CSV file, oldest first. */
export type CandleTable = CandleColumns;

/** Six equally long columns `[timestamp, open, high, low, close, volume]` cut to `[start, start + count)`. */
export function toCandleTable(columns: readonly Float64Array[], start: number, count: number): CandleTable {
  const [timestamp, open, high, low, close, volume] = columns.map((column) =>
    column.subarray(start, start + count),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { length: count, timestamp, open, high, low, close, volume };
}

const HEADER = "timestamp,open,high,low,close,volume";

/**
 * Reads a `timestamp,open,high,low,close,volume` CSV (plain or `.gz`; timestamps = open time in epoch ms)
 * straight into typed arrays. Rows must be strictly increasing: the file is the source of truth and a
 * disordered one is reported with its line number rather than silently sorted.
 */
export async function readCandleCsv(path: string, exchangeName = "csv"): Promise<CandleTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
    if (path.endsWith(".gz")) bytes = await gunzipAsync(bytes);
  } catch (error) {
    throw new ExchangeError(exchangeName, `cannot read candle file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const text = bytes.toString("utf8");
  const lines = text.split("\n");
  let first = 0;
  if (lines[0]?.trim() === HEADER) first = 1;
  else if (lines[0] !== undefined && /[a-z]/i.test(lines[0])) {
    throw new ExchangeError(exchangeName, `${path}: header is "${lines[0].trim()}"; expected "${HEADER}"`);
  }
  const capacity = lines.length - first;
  const columns = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(capacity));
  let count = 0;
  for (let lineIndex = first; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    if (line.length === 0 || line === "\r") continue;
    const fields = line.split(",");
    if (fields.length !== 6) {
      throw new ExchangeError(
        exchangeName,
        `${path}:${lineIndex + 1}: expected 6 fields, found ${fields.length}`,
      );
    }
    for (let f = 0; f < 6; f++) {
      const value = Number(fields[f]);
      if (!Number.isFinite(value)) {
        throw new ExchangeError(
          exchangeName,
          `${path}:${lineIndex + 1}: field ${f + 1} is "${fields[f]}"; expected a number`,
        );
      }
      columns[f]![count] = value;
    }
    if (count > 0 && columns[0]![count]! <= columns[0]![count - 1]!) {
      throw new ExchangeError(
        exchangeName,
        `${path}:${lineIndex + 1}: timestamps must be strictly increasing`,
      );
    }
    count++;
  }
  return toCandleTable(columns, 0, count);
}
