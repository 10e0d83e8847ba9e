import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** One 1m candle as the CSV has it. */
export interface CsvCandle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

const cache = new Map<string, Map<number, CsvCandle>>();

/**
 * The candles of a `timestamp,open,high,low,close,volume` gzip CSV by open time, read here with zlib and split
 * (not through Candlewick's CSV exchange or the emulator's loader), so expected prices come from the file itself.
 */
export function csvCandles(path: string): Map<number, CsvCandle> {
  const known = cache.get(path);
  if (known !== undefined) return known;
  const byOpen = new Map<number, CsvCandle>();
  const lines = gunzipSync(readFileSync(path)).toString("utf8").trim().split("\n");
  for (const line of lines.slice(1)) {
    const [t, open, high, low, close] = line.split(",").map(Number);
    byOpen.set(t!, { open: open!, high: high!, low: low!, close: close! });
  }
  cache.set(path, byOpen);
  return byOpen;
}

/** The close of the 1m candle that opened at `openTime`; throws if the file has none (a gap would be a test bug). */
export function closeAt(path: string, openTime: number): number {
  const candle = csvCandles(path).get(openTime);
  if (candle === undefined) throw new Error(`no candle at ${new Date(openTime).toISOString()} in ${path}`);
  return candle.close;
}
