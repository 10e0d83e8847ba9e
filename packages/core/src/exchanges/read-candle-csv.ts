import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { ExchangeError } from "../errors/exchange-error.js";
import { type CandleTable, toCandleTable } from "./candle-table.js";

const gunzipAsync = promisify(gunzip);

/** The one CSV layout Candlewick reads and writes (also the layout of the repository's candle files). */
export const CANDLE_CSV_HEADER = "timestamp,open,high,low,close,volume";

/** The rows of a candle CSV, and its `#` comment lines (exchange-ccxt's cache keeps its metadata there). */
export interface ParsedCandleCsv {
  readonly table: CandleTable;
  /** Each `#` line's text after the `#` and one optional space, in file order. */
  readonly comments: readonly string[];
}

/** How `parseCandleCsv` treats the order of rows. */
export interface ParseCandleCsvOptions {
  /**
   * Require strictly increasing open times, reporting the first line out of order (a file that is the source
   * of truth should not be sorted silently). Default false: order and sanity are left to `checkCandles`.
   */
  readonly increasing?: boolean;
}

/**
 * Parses `timestamp,open,high,low,close,volume` rows (open time in epoch ms, then numbers) straight into typed
 * arrays. The header line is optional, blank lines are skipped, CRLF is accepted, and lines starting with `#`
 * are returned as comments (anywhere in the file). A malformed line throws through `problem`, naming
 * `location:line`. Values are not checked for sanity here: `checkCandles` does that.
 */
export function parseCandleCsv(
  text: string,
  location: string,
  problem: (message: string) => Error,
  options: ParseCandleCsvOptions = {},
): ParsedCandleCsv {
  const lines = text.split("\n");
  const columns = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(lines.length));
  const [timestamps] = columns as [Float64Array];
  const comments: string[] = [];
  let sawData = false;
  let count = 0;
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
    if (fields.length !== 6) throw problem(`${where}: "${line}" is not 6 numbers (${CANDLE_CSV_HEADER})`);
    for (let f = 0; f < 6; f++) {
      const field = fields[f]!;
      const value = field.trim() === "" ? Number.NaN : Number(field);
      if (Number.isNaN(value)) throw problem(`${where}: "${line}" is not 6 numbers (${CANDLE_CSV_HEADER})`);
      columns[f]![count] = value;
    }
    if (options.increasing === true && count > 0 && timestamps[count]! <= timestamps[count - 1]!) {
      throw problem(`${where}: timestamps must be strictly increasing`);
    }
    count++;
  }
  return { table: toCandleTable(columns, 0, count), comments };
}

/** Reads a candle CSV file, gunzipping it when it starts with the gzip magic bytes (whatever its name). */
export async function readCandleCsvFile(
  path: string,
  problem: (message: string) => Error,
  options: ParseCandleCsvOptions = {},
): Promise<ParsedCandleCsv> {
  const bytes = await readFile(path);
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (isGzip ? await gunzipAsync(bytes) : bytes).toString("utf8");
  return parseCandleCsv(text, path, problem, options);
}

/**
 * Reads a candle CSV (plain or gzip; exchange-ccxt's cache files included, their `#` lines skipped) for an
 * offline exchange. Rows must be strictly increasing: the file is the source of truth, and a disordered one is
 * reported with its line number rather than silently sorted.
 * @throws ExchangeError naming `exchangeName` and the file (and line) when it cannot be read or parsed.
 */
export async function readCandleCsv(path: string, exchangeName = "csv"): Promise<CandleTable> {
  const problem = (message: string) => new ExchangeError(exchangeName, message);
  try {
    return (await readCandleCsvFile(path, problem, { increasing: true })).table;
  } catch (error) {
    if (error instanceof ExchangeError) throw error;
    throw new ExchangeError(exchangeName, `cannot read candle file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
