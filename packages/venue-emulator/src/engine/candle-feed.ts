import type { CandleTable } from "@candlewick/core/internal";
import { MINUTE_MS } from "@candlewick/core/internal";

/** One symbol's replayed 1m candles, oldest first, looked up by open time. */
export class CandleFeed {
  readonly table: CandleTable;

  constructor(table: CandleTable) {
    this.table = table;
  }

  /** Index of the candle opening at `openTime`, or -1 (a gap, or outside the data). */
  indexAt(openTime: number): number {
    const index = this.firstAtOrAfter(openTime);
    return index < this.table.length && this.table.timestamp[index] === openTime ? index : -1;
  }

  /** Index of the first candle opening at or after `time` (`length` when none). */
  firstAtOrAfter(time: number): number {
    const timestamps = this.table.timestamp;
    let lo = 0;
    let hi = this.table.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (timestamps[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The candle that closed last at `time`, if the market traded in that minute: the one opening one minute
   * before the minute `time` falls in. A gap there (a halt, or the end of the data) means the market is closed.
   */
  lastClosedIndex(time: number): number {
    return this.indexAt(Math.floor(time / MINUTE_MS) * MINUTE_MS - MINUTE_MS);
  }
}
