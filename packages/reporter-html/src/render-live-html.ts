import type { ClosedResult, LiveData, SignalEvent } from "@candlewick/core";
import { tradeEquityCurve } from "@candlewick/core";
import { returnChart } from "./equity-charts.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { tradeStatCells } from "./render-backtest-html.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, statGrid } from "./stat-grid.js";
import { tradeTable } from "./trade-table.js";
import { createValueFormat } from "./value-format.js";

/**
 * The signals of a live strategy that are not finished: the last event of each signal id, when that event is
 * `scheduled` or `opened` (a later `closed` or `cancelled` ends it).
 */
export function openSignals(events: readonly SignalEvent[]): SignalEvent[] {
  const last = new Map<string, SignalEvent>();
  for (const event of events) last.set(event.signal.id, event);
  return [...last.values()].filter((event) => event.action === "scheduled" || event.action === "opened");
}

/**
 * A live strategy as one self-contained HTML page: its state (event counts, the positions open or waiting now),
 * the statistics and compounded equity of the trades closed so far, and those trades.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderLiveHtml(data: LiveData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const closed = data.events.filter((event): event is ClosedResult => event.action === "closed");
  const curve = tradeEquityCurve(closed, data.periodStart);
  const equity = returnChart(curve.timestamps, curve.equity);
  const open = openSignals(data.events);
  const columns: Column<SignalEvent>[] = [
    { key: "symbol", header: "Symbol", cell: (e) => escapeHtml(e.symbol) },
    { key: "state", header: "State", cell: (e) => escapeHtml(e.action) },
    { key: "position", header: "Side", cell: (e) => escapeHtml(e.signal.position) },
    { key: "since", header: "Since", cell: (e) => escapeHtml(format.time(e.timestamp)) },
    { key: "priceOpen", header: "Entry", cell: (e) => escapeHtml(format.value(e.signal.priceOpen, "price")) },
    {
      key: "priceStopLoss",
      header: "Stop",
      cell: (e) => escapeHtml(format.value(e.signal.priceStopLoss, "price")),
    },
    {
      key: "priceTakeProfit",
      header: "Take profit",
      cell: (e) => escapeHtml(format.value(e.signal.priceTakeProfit, "price")),
    },
    { key: "quantity", header: "Quantity", cell: (e) => escapeHtml(String(e.signal.quantity)) },
  ];
  const counts = statGrid(format, [
    { key: "totalEvents", label: "Events", value: data.totalEvents, unit: "count" },
    { key: "scheduled", label: "Scheduled", value: data.eventCounts.scheduled, unit: "count" },
    { key: "opened", label: "Opened", value: data.eventCounts.opened, unit: "count" },
    { key: "closed", label: "Closed", value: data.eventCounts.closed, unit: "count" },
    { key: "cancelled", label: "Cancelled", value: data.eventCounts.cancelled, unit: "count" },
    { key: "openNow", label: "Open or waiting now", value: open.length, unit: "count" },
  ]);
  return renderPage({
    kind: "live",
    title: resolved.title ?? `Live: ${data.strategyName}`,
    subtitle: `${data.symbols.join(", ") || "no symbol yet"} · last event ${data.events.length > 0 ? format.time(data.events.at(-1)!.timestamp) : "none"}`,
    sections: [
      section(
        "State",
        counts +
          (open.length > 0
            ? dataTable("open", columns, open)
            : `<p class="note">Nothing open or waiting.</p>`),
      ),
      section("Closed so far", statGrid(format, tradeStatCells(data))),
      section("Equity of the closed trades", chartFigure(equity, "Compounded return after each close (%)")),
      section(`Trades so far (${closed.length})`, tradeTable(format, closed, resolved.maxTableRows)),
    ],
    charts: [equity],
    data,
  });
}
