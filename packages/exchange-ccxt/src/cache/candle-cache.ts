import { mkdir, readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Candle } from "@candlewick/core";
import { writeFileAtomic } from "@candlewick/core/internal";
import { intersectRanges, mergeRanges, type TimeRange } from "../time-range.js";
import { chunkNamesIn, chunkRangeOf, chunkSpanOf } from "./cache-chunk-span.js";
import { createChunkStore, type LoadedChunk } from "./chunk-store.js";
import { decodePathSegment, encodePathSegment } from "./encode-path-segment.js";
import type { SeriesKey } from "./series-key.js";
import { firstAtOrAfter, mergeCandles } from "./sorted-candles.js";

export type { SeriesKey } from "./series-key.js";

/**
 * The on-disk candle cache (layout in the README): `<dir>/<exchange>/<symbol>/<interval>/<chunk>.csv.gz`.
 * Writes are buffered in memory and persisted by `flush`, one atomic file replacement per changed chunk.
 * Reads and writes fail closed: an unreadable file is an error naming its path, never an empty result.
 */
export interface CandleCache {
  readonly dir: string;
  /** The parts of `range` whose candles are known (stored, or checked and found missing). */
  covered(series: SeriesKey, range: TimeRange): Promise<TimeRange[]>;
  /** Stored candles with an open time in `range`, oldest first. */
  read(series: SeriesKey, range: TimeRange): Promise<Candle[]>;
  /** Adds candles (replacing any stored for the same open time) and marks `covered` as known. Buffered. */
  write(series: SeriesKey, candles: readonly Candle[], covered: TimeRange | undefined): Promise<void>;
  /** Persists every buffered change. */
  flush(): Promise<void>;
  /** From the start of the first covered range to the end of the last one, over the whole series. */
  bounds(series: SeriesKey): Promise<TimeRange | undefined>;
  /** Unified symbols with a directory under `exchange`. */
  symbols(exchange: string): Promise<string[]>;
  /** The market description saved next to a symbol's candles (for offline formatting), if any. */
  readMarket(exchange: string, symbol: string): Promise<Record<string, unknown> | undefined>;
  writeMarket(exchange: string, symbol: string, market: Record<string, unknown>): Promise<void>;
}

/** Opens the candle cache rooted at `dir`. Nothing on disk is touched until it is used. */
export function createCandleCache(dir: string): CandleCache {
  const store = createChunkStore(dir);
  const marketPath = (exchange: string, symbol: string) =>
    join(dir, encodePathSegment(exchange), encodePathSegment(symbol), "market.json");

  async function chunksIn(series: SeriesKey, range: TimeRange): Promise<LoadedChunk[]> {
    const span = chunkSpanOf(series.interval);
    const chunks: LoadedChunk[] = [];
    for (const name of chunkNamesIn(range, span)) chunks.push(await store.load(series, name, span));
    return chunks;
  }

  return {
    dir,

    async covered(series, range) {
      const parts: TimeRange[] = [];
      for (const chunk of await chunksIn(series, range)) parts.push(...intersectRanges(range, chunk.covered));
      return mergeRanges(parts);
    },

    async read(series, range) {
      const result: Candle[] = [];
      for (const chunk of await chunksIn(series, range)) {
        const start = firstAtOrAfter(chunk.candles, range.from);
        const end = firstAtOrAfter(chunk.candles, range.to);
        for (let index = start; index < end; index++) result.push(chunk.candles[index]!);
      }
      return result;
    },

    async write(series, candles, covered) {
      const span = chunkSpanOf(series.interval);
      let from = covered?.from ?? Number.POSITIVE_INFINITY;
      let to = covered?.to ?? Number.NEGATIVE_INFINITY;
      for (const candle of candles) {
        from = Math.min(from, candle.timestamp);
        to = Math.max(to, candle.timestamp + 1);
      }
      if (!(to > from)) return;
      for (const name of chunkNamesIn({ from, to }, span)) {
        const chunk = await store.load(series, name, span);
        const incoming = candles.filter(
          (candle) => candle.timestamp >= chunk.range.from && candle.timestamp < chunk.range.to,
        );
        const newCover = covered === undefined ? [] : intersectRanges(chunk.range, [covered]);
        if (incoming.length === 0 && newCover.length === 0) continue;
        chunk.candles = mergeCandles(chunk.candles, incoming);
        chunk.covered = mergeRanges([...chunk.covered, ...newCover]);
        chunk.dirty = true;
      }
    },

    flush: () => store.flush(),

    async bounds(series) {
      const span = chunkSpanOf(series.interval);
      let files: string[];
      try {
        files = await readdir(store.seriesDir(series));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      const names = files
        .filter((file) => file.endsWith(".csv.gz"))
        .map((file) => file.slice(0, -".csv.gz".length))
        .filter((name) => chunkRangeOf(name, span) !== undefined)
        .sort();
      // Chunk names sort chronologically: read from each end until a chunk with coverage turns up.
      let first: number | undefined;
      for (const name of names) {
        first = (await store.load(series, name, span)).covered[0]?.from;
        if (first !== undefined) break;
      }
      let last: number | undefined;
      for (const name of names.reverse()) {
        last = (await store.load(series, name, span)).covered.at(-1)?.to;
        if (last !== undefined) break;
      }
      return first === undefined || last === undefined ? undefined : { from: first, to: last };
    },

    async symbols(exchange) {
      try {
        const entries = await readdir(join(dir, encodePathSegment(exchange)), { withFileTypes: true });
        return entries.filter((entry) => entry.isDirectory()).map((entry) => decodePathSegment(entry.name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
    },

    async readMarket(exchange, symbol) {
      const path = marketPath(exchange, symbol);
      try {
        return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw store.corrupt({ exchange, symbol, interval: "1m" }, `${path} is unreadable`, error);
      }
    },

    async writeMarket(exchange, symbol, market) {
      const path = marketPath(exchange, symbol);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(market, null, 2)}\n`);
    },
  };
}
