import type { CandleInterval } from "@candlewick/core";
import { INTERVAL_MS, intervalToMs } from "@candlewick/core/internal";
import type { TimeRange } from "../time-range.js";

/**
 * How much time one cache file holds. Intervals under an hour get one file per UTC month (1m: at most 44,640
 * rows), the others one per UTC year (1h: 8,784 rows at most, 1d: 366). Files stay between a few hundred and
 * ~45k rows, so the still-growing current file is cheap to rewrite and a year of 1m data is 12 files.
 */
export type ChunkSpan = "month" | "year";

export function chunkSpanOf(interval: CandleInterval): ChunkSpan {
  return intervalToMs(interval) < INTERVAL_MS["1h"] ? "month" : "year";
}

/** The chunk name holding `time`: `2025-05` (month) or `2025` (year), UTC. */
export function chunkNameOf(time: number, span: ChunkSpan): string {
  const date = new Date(time);
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  return span === "year" ? year : `${year}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The time span of a chunk name; undefined for a file name that is not a chunk. */
export function chunkRangeOf(name: string, span: ChunkSpan): TimeRange | undefined {
  const match = span === "year" ? /^(\d{4})$/.exec(name) : /^(\d{4})-(\d{2})$/.exec(name);
  if (match === null) return undefined;
  const year = Number(match[1]);
  if (span === "year") return { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
  const month = Number(match[2]) - 1;
  if (month < 0 || month > 11) return undefined;
  return { from: Date.UTC(year, month, 1), to: Date.UTC(year, month + 1, 1) };
}

/** Names of the chunks that overlap `range`, oldest first. */
export function chunkNamesIn(range: TimeRange, span: ChunkSpan): string[] {
  const names: string[] = [];
  for (let cursor = range.from; cursor < range.to; ) {
    const name = chunkNameOf(cursor, span);
    names.push(name);
    cursor = chunkRangeOf(name, span)!.to;
  }
  return names;
}
