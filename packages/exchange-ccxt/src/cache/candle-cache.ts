import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { type Candle, type CandleInterval, ExchangeError } from "@candlewick/core";
import { intervalMs } from "../interval-ms.js";
import { intersectRanges, mergeRanges, type TimeRange } from "../time-range.js";
import { validateCandles } from "../validate-candles.js";
import { type ChunkSpan, chunkNamesIn, chunkRangeOf, chunkSpanOf } from "./cache-chunk-span.js";
import { decodeChunkFile, encodeChunkFile } from "./chunk-file.js";
import { decodePathSegment, encodePathSegment } from "./encode-path-segment.js";
import { createKeyedMutex } from "./keyed-mutex.js";
import { writeFileAtomic } from "./write-file-atomic.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Loaded chunks kept in memory; clean ones beyond this are dropped oldest first. */
const MAX_LOADED_CHUNKS = 24;

/** One cached series: the candles of one symbol at one interval on one exchange. */
export interface SeriesKey {
  /** Cache key of the exchange: the ccxt id, with `-sandbox` for a sandbox instance. */
  readonly exchange: string;
  /** Unified ccxt symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  readonly interval: CandleInterval;
}

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

interface LoadedChunk {
  readonly path: string;
  readonly series: SeriesKey;
  readonly name: string;
  readonly range: TimeRange;
  candles: Candle[];
  covered: TimeRange[];
  dirty: boolean;
}

/** Opens (lazily; nothing is touched until used) the candle cache rooted at `dir`. */
export function createCandleCache(dir: string): CandleCache {
  const loaded = new Map<string, LoadedChunk>();
  const loading = new Map<string, Promise<LoadedChunk>>();
  const fileLock = createKeyedMutex();

  const seriesDir = (series: SeriesKey) =>
    join(dir, encodePathSegment(series.exchange), encodePathSegment(series.symbol), series.interval);

  const corrupt = (series: SeriesKey, message: string, cause?: unknown) =>
    new ExchangeError(
      series.exchange,
      `candle cache: ${message}; delete the file to download that range again`,
      {
        symbol: series.symbol,
        isRetryable: false,
        cause,
        details: { cacheDir: dir },
      },
    );

  async function loadChunk(series: SeriesKey, name: string, span: ChunkSpan): Promise<LoadedChunk> {
    const path = join(seriesDir(series), `${name}.csv.gz`);
    const ready = loaded.get(path);
    if (ready !== undefined) {
      // Re-insert so that Map order is least-recently-used first.
      loaded.delete(path);
      loaded.set(path, ready);
      return ready;
    }
    let pending = loading.get(path);
    if (pending === undefined) {
      pending = readChunk(path, series, name, span).finally(() => loading.delete(path));
      loading.set(path, pending);
    }
    const chunk = await pending;
    loaded.set(path, chunk);
    evictClean();
    return chunk;
  }

  async function readChunk(
    path: string,
    series: SeriesKey,
    name: string,
    span: ChunkSpan,
  ): Promise<LoadedChunk> {
    const range = chunkRangeOf(name, span)!;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return { path, series, name, range, candles: [], covered: [], dirty: false };
      }
      throw corrupt(series, `cannot read ${path}`, error);
    }
    try {
      const text = (await gunzipAsync(bytes)).toString("utf8");
      const identity = {
        exchange: series.exchange,
        symbol: series.symbol,
        interval: series.interval,
        chunk: name,
      };
      const problem = (message: string) => new Error(message);
      const content = decodeChunkFile(text, path, identity, problem);
      const candles = validateCandles(content.candles, intervalMs(series.interval), problem);
      if (candles.some((candle) => candle.timestamp < range.from || candle.timestamp >= range.to)) {
        throw new Error(`${path}: a candle lies outside ${name}`);
      }
      return { path, series, name, range, candles, covered: [...content.covered], dirty: false };
    } catch (error) {
      throw corrupt(series, `${path} is unreadable (${(error as Error).message})`, error);
    }
  }

  function evictClean(): void {
    for (const [path, chunk] of loaded) {
      if (loaded.size <= MAX_LOADED_CHUNKS) return;
      if (!chunk.dirty) loaded.delete(path);
    }
  }

  async function chunksIn(series: SeriesKey, range: TimeRange): Promise<LoadedChunk[]> {
    const span = chunkSpanOf(series.interval);
    const chunks: LoadedChunk[] = [];
    for (const name of chunkNamesIn(range, span)) chunks.push(await loadChunk(series, name, span));
    return chunks;
  }

  async function persist(chunk: LoadedChunk): Promise<void> {
    await fileLock.run(chunk.path, async () => {
      if (!chunk.dirty) return;
      // Cleared before the await: a write that lands while the file is being written marks it dirty again.
      chunk.dirty = false;
      const identity = {
        exchange: chunk.series.exchange,
        symbol: chunk.series.symbol,
        interval: chunk.series.interval,
        chunk: chunk.name,
      };
      const text = encodeChunkFile(identity, { candles: chunk.candles, covered: chunk.covered });
      try {
        await writeFileAtomic(chunk.path, await gzipAsync(text));
      } catch (error) {
        chunk.dirty = true;
        throw new ExchangeError(chunk.series.exchange, `candle cache: cannot write ${chunk.path}`, {
          symbol: chunk.series.symbol,
          isRetryable: false,
          cause: error,
        });
      }
    });
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
        const chunk = await loadChunk(series, name, span);
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

    async flush() {
      for (const chunk of [...loaded.values()]) if (chunk.dirty) await persist(chunk);
      evictClean();
    },

    async bounds(series) {
      const span = chunkSpanOf(series.interval);
      let files: string[];
      try {
        files = await readdir(seriesDir(series));
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
        first = (await loadChunk(series, name, span)).covered[0]?.from;
        if (first !== undefined) break;
      }
      let last: number | undefined;
      for (const name of names.reverse()) {
        last = (await loadChunk(series, name, span)).covered.at(-1)?.to;
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
      const path = join(dir, encodePathSegment(exchange), encodePathSegment(symbol), "market.json");
      try {
        return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw corrupt({ exchange, symbol, interval: "1m" }, `${path} is unreadable`, error);
      }
    },

    async writeMarket(exchange, symbol, market) {
      const path = join(dir, encodePathSegment(exchange), encodePathSegment(symbol), "market.json");
      await writeFileAtomic(path, `${JSON.stringify(market, null, 2)}\n`);
    },
  };
}

/** Merges two sorted candle lists; on equal open times the incoming candle replaces the stored one. */
function mergeCandles(stored: readonly Candle[], incoming: readonly Candle[]): Candle[] {
  if (incoming.length === 0) return [...stored];
  const sorted = [...incoming].sort((a, b) => a.timestamp - b.timestamp);
  // Downloads append in time order: skip the map and the sort in that common case.
  if (stored.length === 0 || sorted[0]!.timestamp > stored.at(-1)!.timestamp) return [...stored, ...sorted];
  const byTime = new Map<number, Candle>();
  for (const candle of stored) byTime.set(candle.timestamp, candle);
  for (const candle of incoming) byTime.set(candle.timestamp, candle);
  return [...byTime.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** Index of the first candle whose open time is >= `time` (binary search over sorted candles). */
function firstAtOrAfter(candles: readonly Candle[], time: number): number {
  let low = 0;
  let high = candles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (candles[middle]!.timestamp < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
