import type { LiveData } from "../spec/reports/live-data.js";
import type { ClosedResult } from "../spec/tick-result.js";
import { computeStatistics } from "../statistics/compute-statistics.js";
import type { LiveEventLog } from "./live-event-log.js";

/**
 * Every live signal event of a strategy (all symbols, or one) on its engine, with statistics over its
 * closed positions. The statistics' period runs from the first event to the last one. A strategy without live
 * events gets empty data (zero counts, null metrics with their reasons), not an error.
 */
export function getLiveData(log: LiveEventLog, strategyName: string, symbol?: string): LiveData {
  const events = log.read(strategyName, symbol);
  const counts = { scheduled: 0, opened: 0, closed: 0, cancelled: 0 };
  const closed: ClosedResult[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    counts[event.action]++;
    if (event.action === "closed") closed.push(event);
    if (event.timestamp < first) first = event.timestamp;
    if (event.timestamp > last) last = event.timestamp;
  }
  closed.sort((a, b) => a.closeTimestamp - b.closeTimestamp || a.signal.pendingAt - b.signal.pendingAt);
  const period = events.length === 0 ? {} : { periodStart: first, periodEnd: last };
  return {
    strategyName,
    symbols: [...new Set(events.map((event) => event.symbol))],
    totalEvents: events.length,
    eventCounts: counts,
    ...computeStatistics(closed, period),
    events,
  };
}
