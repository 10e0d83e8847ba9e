import type { CandleInterval } from "./interval.js";

/** A backtest time window registered with `addFrame`: ticks every `interval` over `[startDate, endDate)`. */
export interface FrameSchema {
  readonly frameName: string;
  /** Step between ticks. `"1m"` replays every minute. */
  readonly interval: CandleInterval;
  readonly startDate: Date;
  /** Exclusive end: the last tick is the last step strictly before it. */
  readonly endDate: Date;
  readonly note?: string;
}
