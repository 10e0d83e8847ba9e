import type { SignalEvent } from "../tick-result.js";
import type { TradeStatistics } from "./trade-statistics.js";

/** How many live events of each kind a strategy reported. */
export interface LiveEventCounts {
  readonly scheduled: number;
  readonly opened: number;
  readonly closed: number;
  readonly cancelled: number;
}

/**
 * `getLiveData` (exposed as `Live.getData`): every live signal event of a strategy, with the statistics of its
 * closed positions. JSON-serialisable.
 */
export interface LiveData extends TradeStatistics {
  readonly strategyName: string;
  /** Symbols with at least one event, in order of their first event. */
  readonly symbols: readonly string[];
  readonly totalEvents: number;
  readonly eventCounts: LiveEventCounts;
  /** Every event, in the order it happened. */
  readonly events: readonly SignalEvent[];
}
