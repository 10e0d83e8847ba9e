import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { type Candle, ExchangeError } from "@candlewick/core";
import { checkCandles, intervalToMs, writeFileAtomic } from "@candlewick/core/internal";
import type { TimeRange } from "../time-range.js";
import { type ChunkSpan, chunkRangeOf } from "./cache-chunk-span.js";
import { decodeChunkFile, encodeChunkFile } from "./chunk-file.js";
import { encodePathSegment } from "./encode-path-segment.js";
import { createKeyedMutex } from "./keyed-mutex.js";
import type { SeriesKey } from "./series-key.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Loaded chunks kept in memory; clean ones beyond this are dropped, least recently used first. */
const MAX_LOADED_CHUNKS = 24;

/** One cache file in memory. Mutated in place by the cache; `dirty` until persisted. */
export interface LoadedChunk {
  readonly path: string;
  readonly series: SeriesKey;
  readonly name: string;
  readonly range: TimeRange;
  candles: Candle[];
  covered: TimeRange[];
  dirty: boolean;
}

/** Loads cache files into memory (once, shared by concurrent callers) and writes changed ones back atomically. */
export interface ChunkStore {
  /** Directory of a series: `<dir>/<exchange>/<symbol>/<interval>`. */
  seriesDir(series: SeriesKey): string;
  /** The chunk `name` of a series; an absent file is an empty chunk. */
  load(series: SeriesKey, name: string, span: ChunkSpan): Promise<LoadedChunk>;
  /** Writes every dirty chunk. */
  flush(): Promise<void>;
  /** The error for an unreadable cache file. */
  corrupt(series: SeriesKey, message: string, cause?: unknown): ExchangeError;
}

export function createChunkStore(dir: string): ChunkStore {
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

  const identityOf = (series: SeriesKey, name: string) => ({
    exchange: series.exchange,
    symbol: series.symbol,
    interval: series.interval,
    chunk: name,
  });

  async function read(path: string, series: SeriesKey, name: string, span: ChunkSpan): Promise<LoadedChunk> {
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
      const problem = (message: string) => new Error(message);
      const content = decodeChunkFile(text, path, identityOf(series, name), problem);
      // Files are checked like exchange data: a hand-edited or damaged file must not reach a backtest.
      const candles = checkCandles(content.candles, intervalToMs(series.interval), problem, { sort: true });
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

  async function persist(chunk: LoadedChunk): Promise<void> {
    await fileLock.run(chunk.path, async () => {
      if (!chunk.dirty) return;
      // Cleared before the await: a write that lands while the file is being written marks it dirty again.
      chunk.dirty = false;
      const text = encodeChunkFile(identityOf(chunk.series, chunk.name), chunk);
      try {
        await mkdir(dirname(chunk.path), { recursive: true });
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
    seriesDir,
    corrupt,

    async load(series, name, span) {
      const path = join(seriesDir(series), `${name}.csv.gz`);
      const ready = loaded.get(path);
      if (ready !== undefined) {
        // Re-inserted so that the Map's order stays least-recently-used first.
        loaded.delete(path);
        loaded.set(path, ready);
        return ready;
      }
      let pending = loading.get(path);
      if (pending === undefined) {
        pending = read(path, series, name, span).finally(() => loading.delete(path));
        loading.set(path, pending);
      }
      const chunk = await pending;
      loaded.set(path, chunk);
      evictClean();
      return chunk;
    },

    async flush() {
      for (const chunk of [...loaded.values()]) if (chunk.dirty) await persist(chunk);
      evictClean();
    },
  };
}
