import type { TradeStatistics } from "@candlewick/core";
import type { ValueFormat } from "./value-format.js";

/** `2026-03-24T00:00:00Z → 2026-04-22T00:00:00Z (29.00 d)`, or `unknown` when the statistics have no period. */
export function renderPeriod(format: ValueFormat, stats: TradeStatistics): string {
  if (stats.periodStart === null || stats.periodEnd === null || stats.periodDays === null) return "unknown";
  return `${format.timestamp(stats.periodStart)} → ${format.timestamp(stats.periodEnd)} (${format.days(stats.periodDays)})`;
}
