/** A half-open span of epoch milliseconds `[from, to)`: it holds the candles whose open time is in it. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** Sorts ranges and joins the ones that overlap or touch; empty ranges are dropped. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((range) => range.to > range.from).sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.from <= last.to) {
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** The parts of `range` that `covered` (merged, sorted) does not cover, in order. */
export function subtractRanges(range: TimeRange, covered: readonly TimeRange[]): TimeRange[] {
  const missing: TimeRange[] = [];
  let cursor = range.from;
  for (const part of covered) {
    if (part.to <= cursor) continue;
    if (part.from >= range.to) break;
    if (part.from > cursor) missing.push({ from: cursor, to: part.from });
    cursor = Math.max(cursor, part.to);
    if (cursor >= range.to) break;
  }
  if (cursor < range.to) missing.push({ from: cursor, to: range.to });
  return missing;
}

/** The parts of `ranges` (merged, sorted) that fall inside `range`, clipped to it. */
export function intersectRanges(range: TimeRange, ranges: readonly TimeRange[]): TimeRange[] {
  const inside: TimeRange[] = [];
  for (const part of ranges) {
    const from = Math.max(range.from, part.from);
    const to = Math.min(range.to, part.to);
    if (to > from) inside.push({ from, to });
  }
  return inside;
}
