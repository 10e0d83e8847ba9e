import type { ClosedResult } from "@candlewick/core";
import { markdownTable, type TableColumn } from "./markdown-table.js";
import type { ValueFormat } from "./value-format.js";

/** Closed trades, one row each, in the order given, with the symbol of each (reports cover several symbols). */
export function renderTrades(format: ValueFormat, trades: readonly ClosedResult[]): string {
  if (trades.length === 0) return "No closed trades.";
  const withNotes = trades.some((trade) => trade.signal.note !== undefined);
  const columns: TableColumn[] = [
    { header: "#", align: "right" },
    { header: "Symbol" },
    { header: "Position" },
    { header: "Opened (UTC)" },
    { header: "Closed (UTC)" },
    { header: "Entry", align: "right" },
    { header: "Exit", align: "right" },
    { header: "Take profit", align: "right" },
    { header: "Stop loss", align: "right" },
    { header: "Reason" },
    { header: "Duration", align: "right" },
    { header: "Peak", align: "right" },
    { header: "Trough", align: "right" },
    { header: "PnL", align: "right" },
    ...(withNotes ? [{ header: "Note" }] : []),
  ];
  const rows = trades.map((trade, index) => {
    const { signal, pnl } = trade;
    return [
      String(index + 1),
      trade.symbol,
      signal.position,
      format.timestamp(signal.pendingAt),
      format.timestamp(trade.closeTimestamp),
      format.price(pnl.priceOpen),
      format.price(pnl.priceClose),
      format.price(signal.priceTakeProfit),
      format.price(signal.priceStopLoss),
      trade.closeReason,
      format.minutes((trade.closeTimestamp - signal.pendingAt) / 60_000),
      format.signedPercent(pnl.peakPercentage),
      format.signedPercent(pnl.troughPercentage),
      format.signedPercent(pnl.pnlPercentage),
      ...(withNotes ? [signal.note ?? ""] : []),
    ];
  });
  return markdownTable(columns, rows);
}
