import type { NullableStatisticName, TradeStatistics } from "@candlewick/core";
import type { ComparisonColumn } from "./comparison-columns.js";

/**
 * Why the `n/a` cells of a comparison table are n/a: one bullet per row that has any, listing each column's
 * reason. Empty string when no cell is n/a.
 */
export function renderUnavailableNotes(
  columns: readonly ComparisonColumn[],
  rows: readonly { readonly name: string; readonly stats: TradeStatistics }[],
): string {
  const bullets = rows.flatMap(({ name, stats }) => {
    const reasons = columns.flatMap(({ key, header }) => {
      const reason = stats.unavailable[key as NullableStatisticName];
      return stats[key] === null && reason !== undefined ? [`${header}: ${reason}`] : [];
    });
    return reasons.length === 0 ? [] : [`- **${name}**: ${reasons.join("; ")}`];
  });
  return bullets.length === 0 ? "" : ["Why n/a:", "", ...bullets].join("\n");
}
