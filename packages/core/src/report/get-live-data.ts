import type { ClosedResult } from "../spec/tick-result.js";
import { computeStatistics } from "../statistics/compute-statistics.js";
import type { LiveData } from "./live-data.js";
import { liveEventLog } from "./live-event-log.js";

/**
 * Every live signal event of a strategy (all symbols, or one) since core was loaded, with statistics over its
 * closed positions. The statistics' period runs from the first event to the last one. A strategy without live
 * events gets empty data (zero counts, null metrics with their reasons), not an error.
 */
export function getLiveData(strategyName: string, symbol?: string): LiveData {
  const events = liveEventLog.read(strategyName, symbol);
  const counts = { scheduled: 0, opened: 0, closed: 0, cancelled: 0 };
  const closed: ClosedResult[] = [];
  for (const event of events) {
    counts[event.action]++;
    if (event.action === "closed") closed.push(event);
  }
  closed.sort((a, b) => a.closeTimestamp - b.closeTimestamp || a.signal.pendingAt - b.signal.pendingAt);
  const period =
    events.length === 0
      ? {}
      : {
          periodStart: Math.min(...events.map((event) => event.timestamp)),
          periodEnd: Math.max(...events.map((event) => event.timestamp)),
        };
  return {
    strategyName,
    symbols: [...new Set(events.map((event) => event.symbol))],
    totalEvents: events.length,
    eventCounts: counts,
    ...computeStatistics(closed, period),
    events,
  };
}
