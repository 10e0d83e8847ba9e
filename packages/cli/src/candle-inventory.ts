import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type CandleInterval, INTERVAL_MS, isCandleInterval } from "@candlewick/core";
import { readCandleCsvFile } from "@candlewick/core/internal";
import { RunFailure } from "./usage-error.js";

/** Candles missing between two stored candles: open times `[from, to)`, `missing` of them. */
export interface SeriesGap {
  readonly from: number;
  readonly to: number;
  readonly missing: number;
}

/** One stored series of candles: what `candlewick list-data` prints a row for. */
export interface CandleSeries {
  /** The folder (relative to the listed one, `.` for itself) or, in the ccxt cache, the exchange id. */
  readonly location: string;
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly rows: number;
  /** Open time of the first candle, and the end of the last one (its open time + the interval), epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly gaps: readonly SeriesGap[];
  /** Files the series is stored in. */
  readonly files: number;
}

const CSV_FILE = /^(.+)-(\w+)\.csv(\.gz)?$/;

/**
 * Every `<SYMBOL>-<interval>.csv[.gz]` in `dir` and its subfolders (each a folder `--exchange csv:<dir>` can
 * read), sorted by folder, symbol and interval.
 */
export async function listCsvFolder(dir: string): Promise<CandleSeries[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RunFailure(`${dir} is not a folder`, "pass the folder of candle files with --dir");
  }
  const series: CandleSeries[] = [];
  const visit = async (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        await visit(path);
        continue;
      }
      const match = CSV_FILE.exec(entry.name);
      if (match === null || !isCandleInterval(match[2]!)) continue;
      const timestamps = await readTimestamps(path);
      series.push(describeSeries(relative(dir, folder) || ".", match[1]!, match[2], [timestamps]));
    }
  };
  await visit(dir);
  return series;
}

/**
 * The series of exchange-ccxt's candle cache (`<dir>/<exchange>/<symbol>/<interval>/<chunk>.csv.gz`), the
 * symbol read from each file's `# symbol:` line. An empty list when the folder does not exist.
 */
export async function listCcxtCache(dir: string): Promise<CandleSeries[]> {
  if (!existsSync(dir)) return [];
  const series: CandleSeries[] = [];
  for (const exchange of subfolders(dir)) {
    for (const symbolFolder of subfolders(join(dir, exchange))) {
      for (const interval of subfolders(join(dir, exchange, symbolFolder))) {
        if (!isCandleInterval(interval)) continue;
        const folder = join(dir, exchange, symbolFolder, interval);
        const chunks = readdirSync(folder)
          .filter((name) => name.endsWith(".csv.gz"))
          .sort();
        if (chunks.length === 0) continue;
        let symbol = symbolFolder;
        const parts: Float64Array[] = [];
        for (const chunk of chunks) {
          const parsed = await readCandleCsvFile(join(folder, chunk), (message) => new RunFailure(message));
          symbol = parsed.comments.find((line) => line.startsWith("symbol: "))?.slice(8) ?? symbol;
          parts.push(parsed.table.timestamp.subarray(0, parsed.table.length));
        }
        series.push(describeSeries(exchange, symbol, interval, parts));
      }
    }
  }
  return series;
}

async function readTimestamps(path: string): Promise<Float64Array> {
  const parsed = await readCandleCsvFile(path, (message) => new RunFailure(message), { increasing: true });
  return parsed.table.timestamp.subarray(0, parsed.table.length);
}

/** Rows, range and gaps of a series stored in one or more files of increasing open times. */
function describeSeries(
  location: string,
  symbol: string,
  interval: CandleInterval,
  parts: readonly Float64Array[],
): CandleSeries {
  const step = INTERVAL_MS[interval];
  const gaps: SeriesGap[] = [];
  let rows = 0;
  let first = Number.NaN;
  let previous = Number.NaN;
  for (const timestamps of parts) {
    for (const timestamp of timestamps) {
      if (rows === 0) first = timestamp;
      else if (timestamp - previous > step) {
        gaps.push({ from: previous + step, to: timestamp, missing: (timestamp - previous - step) / step });
      }
      previous = timestamp;
      rows++;
    }
  }
  return {
    location,
    symbol,
    interval,
    rows,
    from: first,
    to: rows === 0 ? Number.NaN : previous + step,
    gaps,
    files: parts.length,
  };
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
