import { CANDLE_INTERVALS, type CandleInterval, InvalidArgumentError } from "@candlewick/core";
import { checkCandles, intervalToMs, readCandleCsvFile, tableToCandles } from "@candlewick/core/internal";
import { z } from "zod";
import { createCandleCache } from "./cache/candle-cache.js";
import { COMPONENT } from "./component.js";
import { type CandleGap, findCandleGaps } from "./find-candle-gaps.js";
import { parseOptions } from "./parse-options.js";
import { mergeRanges, type TimeRange } from "./time-range.js";

/** Options of `importCandlesCsv`. */
export const importCandlesCsvOptionsSchema = z
  .object({
    /** Root directory of the candle cache. */
    cacheDir: z.string().min(1),
    /** Cache key of the exchange: the ccxt id (`"binance"`), `"<id>-sandbox"` for a sandbox instance. */
    exchange: z.string().min(1),
    /** Unified ccxt symbol the file holds (`"BTC/USDT"`, `"BTC/USDT:USDT"`): the cache is keyed by it. */
    symbol: z.string().regex(/\//, { message: 'expected a unified ccxt symbol such as "BTC/USDT"' }),
    interval: z.enum(CANDLE_INTERVALS),
    /** A `timestamp,open,high,low,close,volume` CSV file, plain or gzip-compressed. */
    file: z.string().min(1),
    /**
     * Whether candles missing inside the file are real gaps (true: the whole span from the first to the last row
     * is marked as checked, so the adapter never asks the exchange for them) or holes to fill online later
     * (false: only the runs of consecutive candles are marked). Default true.
     */
    trustGaps: z.boolean().default(true),
  })
  .strict();

/** What you pass to `importCandlesCsv`. */
export type ImportCandlesCsvOptions = z.input<typeof importCandlesCsvOptionsSchema>;

/** What `importCandlesCsv` did. */
export interface ImportCandlesCsvSummary {
  readonly rows: number;
  /** The span of the file: `[first open time, last open time + interval)`, or null for an empty file. */
  readonly range: TimeRange | null;
  readonly gaps: CandleGap[];
  /** Ranges now marked as checked in the cache. */
  readonly covered: TimeRange[];
}

/**
 * Puts candles you already have (the layout of the repository's `data/candles` files) into the cache, so that
 * an adapter with `cache.offline` serves them. Rows are validated like exchange data; a bad row throws an
 * `InvalidArgumentError` naming the file and line. Rows merge with what is cached; on the same open time the
 * file wins.
 */
export async function importCandlesCsv(options: ImportCandlesCsvOptions): Promise<ImportCandlesCsvSummary> {
  const parsed = parseOptions(importCandlesCsvOptionsSchema, options);
  const interval: CandleInterval = parsed.interval;
  const step = intervalToMs(interval);
  const problem = (message: string) => new InvalidArgumentError(COMPONENT, "file", parsed.file, message);
  const rows = tableToCandles((await readCandleCsvFile(parsed.file, problem)).table);
  const candles = checkCandles(rows, step, (message) => problem(message), { sort: true });
  const gaps = findCandleGaps(candles, parsed.symbol, interval, step);
  const first = candles[0];
  const last = candles.at(-1);
  if (first === undefined || last === undefined) return { rows: 0, range: null, gaps, covered: [] };

  const range = { from: first.timestamp, to: last.timestamp + step };
  const covered = parsed.trustGaps ? [range] : runsOf(range, gaps);
  const cache = createCandleCache(parsed.cacheDir);
  const series = { exchange: parsed.exchange, symbol: parsed.symbol, interval };
  await cache.write(series, candles, undefined);
  for (const part of covered) await cache.write(series, [], part);
  await cache.flush();
  return { rows: candles.length, range, gaps, covered };
}

/** The parts of `range` between the gaps. */
function runsOf(range: TimeRange, gaps: readonly CandleGap[]): TimeRange[] {
  const runs: TimeRange[] = [];
  let from = range.from;
  for (const gap of gaps) {
    runs.push({ from, to: gap.from });
    from = gap.to;
  }
  runs.push({ from, to: range.to });
  return mergeRanges(runs);
}
