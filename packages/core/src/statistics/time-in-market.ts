/** Total time with a position open, per symbol, summed. */
export interface TimeInMarket {
  /** Σ over symbols of the length of the union of that symbol's [start, end) intervals, in ms. */
  readonly coveredMs: number;
  /** Number of distinct symbols among the trades. */
  readonly symbolCount: number;
}

/**
 * Measures the union of the holding intervals [pendingAt, closeTimestamp) of each symbol, so two overlapping
 * trades on one symbol (e.g. from two strategies pooled together) count that time once, while positions on
 * different symbols each count. One sort by start time, then a sweep that keeps one open run per symbol.
 *
 * @param symbols symbol per trade index
 * @param starts `signal.pendingAt` per trade index
 * @param ends `closeTimestamp` per trade index (not before the start)
 */
export function timeInMarket(
  symbols: readonly string[],
  starts: Float64Array,
  ends: Float64Array,
): TimeInMarket {
  const order = new Array<number>(starts.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => starts[a]! - starts[b]!);

  // One mutable run per symbol (not per trade): the current union segment still open to extension.
  const runs = new Map<string, { start: number; end: number }>();
  let coveredMs = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const start = starts[i]!;
    const end = ends[i]!;
    const run = runs.get(symbols[i]!);
    if (run === undefined) {
      runs.set(symbols[i]!, { start, end });
    } else if (start > run.end) {
      coveredMs += run.end - run.start;
      run.start = start;
      run.end = end;
    } else if (end > run.end) {
      run.end = end;
    }
  }
  for (const run of runs.values()) coveredMs += run.end - run.start;
  return { coveredMs, symbolCount: runs.size };
}
