import type { NullableStatisticName, TradeStatistics } from "@candlewick/core";
import type { ComparisonColumn } from "./comparison-columns.js";

/**
 * Why the `n/a` cells of a comparison table are n/a: one bullet per row that has any, each reason once with the
 * columns it explains, e.g. `- **SOLUSDT**: no closed trades (Win rate, Total PnL)`. Empty string when no cell
 * is n/a.
 */
export function renderUnavailableNotes(
  columns: readonly ComparisonColumn[],
  rows: readonly { readonly name: string; readonly stats: TradeStatistics }[],
): string {
  const bullets = rows.flatMap(({ name, stats }) => {
    const byReason = new Map<string, string[]>();
    for (const { key, header } of columns) {
      const reason = stats.unavailable[key as NullableStatisticName];
      if (stats[key] !== null || reason === undefined) continue;
      byReason.set(reason, [...(byReason.get(reason) ?? []), header]);
    }
    if (byReason.size === 0) return [];
    const parts = [...byReason].map(([reason, headers]) => `${reason} (${headers.join(", ")})`);
    return [`- **${name}**: ${parts.join("; ")}`];
  });
  return bullets.length === 0 ? "" : ["Why n/a:", "", ...bullets].join("\n");
}
