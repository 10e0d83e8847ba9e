import type { ClosedResult } from "@candlewick/core";
import { escapeHtml } from "./html-escape.js";
import { type Column, dataTable, signedColumn } from "./stat-grid.js";
import type { ValueFormat } from "./value-format.js";

/** The trades as a table (the first `maxRows`, with a note counting the rest). */
export function tradeTable(format: ValueFormat, trades: readonly ClosedResult[], maxRows: number): string {
  const text = (value: string) => escapeHtml(value);
  const columns: Column<ClosedResult>[] = [
    { key: "symbol", header: "Symbol", cell: (t) => text(t.symbol) },
    { key: "position", header: "Side", cell: (t) => text(t.signal.position) },
    { key: "opened", header: "Opened", cell: (t) => text(format.time(t.signal.pendingAt)) },
    { key: "closed", header: "Closed", cell: (t) => text(format.time(t.closeTimestamp)) },
    { key: "priceOpen", header: "Entry", cell: (t) => text(format.value(t.pnl.priceOpen, "price")) },
    { key: "priceClose", header: "Exit", cell: (t) => text(format.value(t.pnl.priceClose, "price")) },
    {
      key: "exits",
      header: "Exits",
      // partial exits are every exit before the last
      cell: (t) => text(t.signal.exits.length > 1 ? `${t.signal.exits.length - 1} partial + final` : "1"),
    },
    { key: "closeReason", header: "Reason", cell: (t) => text(t.closeReason) },
    signedColumn(
      "pnl",
      "PnL",
      (t) => t.pnl.pnlPercentage,
      (value) => text(format.value(value, "%")),
    ),
    signedColumn(
      "pnlCost",
      "PnL (quote)",
      (t) => t.pnl.pnlCost,
      (value) => text(format.value(value, "quote")),
    ),
  ];
  const shown = trades.slice(0, maxRows);
  const note =
    trades.length > shown.length
      ? `<p class="note">First ${shown.length} of ${trades.length} trades (the charts and the data hold them all).</p>`
      : "";
  return dataTable("trades", columns, shown) + note;
}
