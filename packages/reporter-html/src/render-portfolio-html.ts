import type { PortfolioData, TradeBreakdownRow } from "@candlewick/core";
import type { ChartSpec } from "./chart-spec.js";
import { drawdownChart } from "./equity-charts.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, signedColumn, statGrid } from "./stat-grid.js";
import { timePoints } from "./time-points.js";
import { tradeTable } from "./trade-table.js";
import { createValueFormat, type ValueFormat } from "./value-format.js";

/**
 * A portfolio backtest as one self-contained HTML page: capital statistics, equity, drawdown and exposure over
 * time, each symbol's and strategy's contribution to the net PnL, and the trades.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderPortfolioHtml(data: PortfolioData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const { statistics: s, equity, breakdown } = data;
  const bySymbol = breakdown.bySymbol;
  const charts: ChartSpec[] = [
    {
      type: "time",
      id: "equity",
      series: [
        {
          name: "equity",
          style: "area",
          color: "#0969da",
          unit: "",
          points: timePoints(equity.timestamps, equity.equity),
        },
      ],
    },
    drawdownChart(equity.timestamps, equity.drawdownPercent),
    {
      type: "time",
      id: "exposure",
      series: [
        {
          name: "exposure",
          style: "area",
          color: "#8250df",
          unit: "",
          points: timePoints(equity.timestamps, equity.exposure),
        },
      ],
    },
    {
      type: "bars",
      id: "contribution",
      labels: bySymbol.map((row) => row.key),
      values: bySymbol.map((row) => row.netPnl),
      unit: "",
    },
  ];
  const summary = statGrid(format, [
    { key: "initialCapital", label: "Initial capital", value: s.initialCapital, unit: "quote" },
    { key: "finalEquity", label: "Final equity", value: s.finalEquity, unit: "quote" },
    { key: "netProfit", label: "Net profit", value: s.netProfit, unit: "quote", signed: true },
    {
      key: "totalReturnPercent",
      label: "Total return",
      value: s.totalReturnPercent,
      unit: "%",
      signed: true,
    },
    {
      key: "cagrPercent",
      label: "CAGR",
      value: s.cagrPercent,
      unit: "%/yr",
      reason: s.unavailable.cagrPercent,
      signed: true,
    },
    { key: "maxDrawdownPercent", label: "Max drawdown", value: s.maxDrawdownPercent, unit: "%" },
    {
      key: "maxDrawdownDurationMinutes",
      label: "Longest drawdown",
      value: s.maxDrawdownDurationMinutes,
      unit: "min",
    },
    {
      key: "sharpeRatio",
      label: "Sharpe (annualised)",
      value: s.sharpeRatio,
      unit: "ratio",
      reason: s.unavailable.sharpeRatio,
    },
    {
      key: "sortinoRatio",
      label: "Sortino (annualised)",
      value: s.sortinoRatio,
      unit: "ratio",
      reason: s.unavailable.sortinoRatio,
    },
    {
      key: "averageExposurePercent",
      label: "Average exposure",
      value: s.averageExposurePercent,
      unit: "%",
      reason: s.unavailable.averageExposurePercent,
    },
    { key: "maxExposure", label: "Max exposure", value: s.maxExposure, unit: "quote" },
    { key: "maxOpenPositions", label: "Max open positions", value: s.maxOpenPositions, unit: "count" },
    { key: "tradeCount", label: "Closed trades", value: data.signalList.length, unit: "count" },
    { key: "rejectedEntries", label: "Entries refused", value: data.rejectedEntries, unit: "count" },
    { key: "fees", label: "Fees", value: data.ledger.fees, unit: "quote" },
  ]);
  const sections = [
    section("Summary (quote currency)", summary),
    section(
      "Equity, drawdown and exposure",
      chartFigure(charts[0]!, "Equity: cash + open positions marked to market (quote)") +
        chartFigure(charts[1]!, "Drawdown from the running peak (%)", 160) +
        chartFigure(charts[2]!, "Exposure: cost basis of the open positions (quote)", 160),
    ),
    section(
      "Contribution per symbol",
      chartFigure(charts[3]!, "Net PnL per symbol (quote)", 220) +
        breakdownTable(format, "by-symbol", "Symbol", bySymbol),
    ),
    section(
      "Contribution per strategy",
      breakdownTable(format, "by-strategy", "Strategy", breakdown.byStrategy),
    ),
    section(`Trades (${data.signalList.length})`, tradeTable(format, data.signalList, resolved.maxTableRows)),
  ];
  return renderPage({
    kind: "portfolio",
    title: resolved.title ?? `Portfolio: ${data.portfolioName}`,
    subtitle: `${data.symbols.join(", ")} × ${data.strategies.join(", ")} · ${format.time(data.periodStart)} → ${format.time(data.periodEnd)}`,
    sections,
    charts,
    data,
  });
}

function breakdownTable(
  format: ValueFormat,
  name: string,
  header: string,
  rows: readonly TradeBreakdownRow[],
): string {
  const columns: Column<TradeBreakdownRow>[] = [
    { key: "key", header, cell: (r) => escapeHtml(r.key) },
    { key: "trades", header: "Trades", cell: (r) => String(r.trades) },
    { key: "winRate", header: "Win rate", cell: (r) => escapeHtml(format.value(r.winRate, "%")) },
    signedColumn(
      "netPnl",
      "Net PnL (quote)",
      (r) => r.netPnl,
      (value) => escapeHtml(format.value(value, "quote")),
    ),
    {
      key: "share",
      header: "Share of net PnL",
      cell: (r) => escapeHtml(format.value(r.shareOfNetPnlPercent, "%")),
    },
    { key: "fees", header: "Fees", cell: (r) => escapeHtml(format.value(r.fees, "quote")) },
    {
      key: "roi",
      header: "Return on invested",
      cell: (r) => escapeHtml(format.value(r.returnOnInvestedPercent, "%")),
    },
  ];
  return dataTable(name, columns, rows);
}
