import type { LiveData, SignalEvent } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import { renderPeriod } from "./render-period.js";
import { renderStatistics } from "./render-statistics.js";
import type { ValueFormat } from "./value-format.js";

/** Live report: event counts, the statistics of the closed positions, then every event in order. */
export function renderLive(format: ValueFormat, data: LiveData): string {
  const { eventCounts: counts } = data;
  return [
    `# Live report: ${data.strategyName}`,
    "",
    `- Symbols: ${data.symbols.length > 0 ? data.symbols.join(", ") : "none"}`,
    `- Events: ${data.totalEvents} (scheduled ${counts.scheduled}, opened ${counts.opened}, closed ${counts.closed}, cancelled ${counts.cancelled})`,
    `- Period (UTC): ${renderPeriod(format, data)}`,
    "- PnL is net of fees and slippage on both sides, in percent of the entry.",
    "",
    "## Closed positions",
    "",
    renderStatistics(format, data),
    "",
    `## Events (${data.totalEvents})`,
    "",
    renderEvents(format, data.events),
    "",
  ].join("\n");
}

function renderEvents(format: ValueFormat, events: readonly SignalEvent[]): string {
  if (events.length === 0) return "No live events.";
  return markdownTable(
    [
      { header: "#", align: "right" },
      { header: "Time (UTC)" },
      { header: "Symbol" },
      { header: "Action" },
      { header: "Signal ID" },
      { header: "Position" },
      { header: "Entry", align: "right" },
      { header: "Take profit", align: "right" },
      { header: "Stop loss", align: "right" },
      { header: "Price", align: "right" },
      { header: "PnL", align: "right" },
      { header: "Reason" },
    ],
    events.map((event, index) => [
      String(index + 1),
      format.timestamp(event.timestamp),
      event.symbol,
      event.action,
      event.signal.id,
      event.signal.position,
      format.price(event.signal.priceOpen),
      format.price(event.signal.priceTakeProfit),
      format.price(event.signal.priceStopLoss),
      format.price(event.currentPrice),
      event.action === "closed" ? format.signedPercent(event.pnl.pnlPercentage) : "",
      event.action === "closed" ? event.closeReason : event.action === "cancelled" ? event.cancelReason : "",
    ]),
  );
}
