import type { Candle } from "@candlewick/core";
import { formatCandleCsv, parseCandleCsv, tableToCandles } from "@candlewick/core/internal";
import { mergeRanges, type TimeRange } from "../time-range.js";

/** First line of every cache file; bump the version when the layout changes. */
export const CHUNK_FILE_MAGIC = "candlewick candle cache v1";

/** Which series and which time span a cache file belongs to. */
export interface ChunkIdentity {
  readonly exchange: string;
  readonly symbol: string;
  readonly interval: string;
  readonly chunk: string;
}

/** What one cache file holds: closed candles, and the ranges that were checked with the exchange. */
export interface ChunkContent {
  readonly candles: readonly Candle[];
  /** Ranges whose every candle is known: present in `candles`, or checked and found missing (a gap). */
  readonly covered: readonly TimeRange[];
}

/**
 * A cache file's text: `#` metadata lines, then the CSV header and rows (core's `formatCandleCsv`, so core's
 * CSV reader, and `createCsvExchange`, read it too). A cache round trip is exact.
 */
export function encodeChunkFile(identity: ChunkIdentity, content: ChunkContent): string {
  const covered = content.covered.map((range) => `${range.from}-${range.to}`).join(" ");
  return formatCandleCsv(content.candles, [
    CHUNK_FILE_MAGIC,
    `exchange: ${identity.exchange}`,
    `symbol: ${identity.symbol}`,
    `interval: ${identity.interval}`,
    `chunk: ${identity.chunk}`,
    `covered: ${covered}`,
  ]);
}

/** Parses a cache file; throws through `problem` when it is not one, or names another series than `expected`. */
export function decodeChunkFile(
  text: string,
  location: string,
  expected: ChunkIdentity,
  problem: (message: string) => Error,
): ChunkContent {
  const parsed = parseCandleCsv(text, location, problem);
  if (parsed.comments[0] !== CHUNK_FILE_MAGIC) throw problem(`${location}: not a "${CHUNK_FILE_MAGIC}" file`);
  const meta = new Map<string, string>();
  for (const comment of parsed.comments.slice(1)) {
    const colon = comment.indexOf(":");
    if (colon > 0) meta.set(comment.slice(0, colon).trim(), comment.slice(colon + 1).trim());
  }
  for (const key of ["exchange", "symbol", "interval", "chunk"] as const) {
    if (meta.get(key) !== expected[key]) {
      throw problem(`${location}: ${key} is "${meta.get(key) ?? ""}"; expected "${expected[key]}"`);
    }
  }
  const covered: TimeRange[] = [];
  for (const pair of (meta.get("covered") ?? "").split(/\s+/).filter(Boolean)) {
    const match = /^(\d+)-(\d+)$/.exec(pair);
    if (match === null) throw problem(`${location}: bad covered range "${pair}"`);
    covered.push({ from: Number(match[1]), to: Number(match[2]) });
  }
  return { candles: tableToCandles(parsed.table), covered: mergeRanges(covered) };
}
