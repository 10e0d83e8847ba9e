import type { ClosedResult } from "@candlewick/core";
import { escapeHtml } from "./html-escape.js";
import { signClass, type ValueFormat } from "./value-format.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Compounded return per UTC calendar month of the trades' closes, in %: Π(1 + pnl/100) − 1 over the trades
 * closing in the month (the same compounding as the equity curve), keyed `YYYY-MM`.
 */
export function monthlyReturns(trades: readonly ClosedResult[]): Map<string, number> {
  const growth = new Map<string, number>();
  for (const trade of trades) {
    const month = new Date(trade.closeTimestamp).toISOString().slice(0, 7);
    growth.set(month, (growth.get(month) ?? 1) * Math.max(1 + trade.pnl.pnlPercentage / 100, 0));
  }
  const returns = new Map<string, number>();
  for (const [month, factor] of [...growth].sort(([a], [b]) => (a < b ? -1 : 1))) {
    returns.set(month, (factor - 1) * 100);
  }
  return returns;
}

/** A year × month table of {@link monthlyReturns}, with the year's compounded total. */
export function monthlyReturnsTable(format: ValueFormat, trades: readonly ClosedResult[]): string {
  const returns = monthlyReturns(trades);
  if (returns.size === 0) return `<p class="note">No closed trades.</p>`;
  const years = [...new Set([...returns.keys()].map((month) => month.slice(0, 4)))];
  const head = `<tr><th>Year</th>${MONTHS.map((m) => `<th>${m}</th>`).join("")}<th>Year</th></tr>`;
  const rows = years.map((year) => {
    let factor = 1;
    const cells = MONTHS.map((_, index) => {
      const key = `${year}-${String(index + 1).padStart(2, "0")}`;
      const value = returns.get(key);
      if (value === undefined) return "<td></td>";
      factor *= 1 + value / 100;
      return `<td data-month="${key}" class="${signClass(value)}">${escapeHtml(format.value(value, "%"))}</td>`;
    });
    const total = (factor - 1) * 100;
    return `<tr><td>${year}</td>${cells.join("")}<td data-year="${year}" class="${signClass(total)}">${escapeHtml(format.value(total, "%"))}</td></tr>`;
  });
  return `<table data-table="monthly-returns"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}
