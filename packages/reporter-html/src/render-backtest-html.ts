import type { BacktestData, Candle, ClosedResult, TradeStatistics } from "@candlewick/core";
import { computeStatistics } from "@candlewick/core";
import type { ChartSpec } from "./chart-spec.js";
import { drawdownChart, returnChart } from "./equity-charts.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import { monthlyReturnsTable } from "./monthly-returns.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { candleChart } from "./report-candles.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, type StatCell, signedColumn, statGrid } from "./stat-grid.js";
import { tradeTable } from "./trade-table.js";
import { createValueFormat, type ValueFormat } from "./value-format.js";

/** What a backtest page shows besides its data. */
export interface BacktestHtmlExtras {
  /**
   * Candles per symbol for the price charts with the trades on them (`loadReportCandles` reads them from an
   * exchange). Without them the page has no price chart, and says so.
   */
  readonly candles?: Readonly<Record<string, readonly Candle[]>>;
}

/** The summary figures of trade statistics, with their units. */
export function tradeStatCells(stats: TradeStatistics): StatCell[] {
  const why = (key: keyof typeof stats.unavailable) => stats.unavailable[key];
  const cell = (
    key: keyof typeof stats & keyof typeof stats.unavailable,
    label: string,
    unit: StatCell["unit"],
    signed = false,
  ): StatCell => ({
    key,
    label,
    value: stats[key] as number | null,
    unit,
    reason: why(key),
    signed,
  });
  return [
    { key: "tradeCount", label: "Closed trades", value: stats.tradeCount, unit: "count" },
    cell("winRate", "Win rate", "%"),
    cell("totalPnl", "Total PnL (sum)", "%", true),
    cell("compoundedReturn", "Compounded return", "%", true),
    cell("maxDrawdown", "Max drawdown", "%"),
    cell("avgPnl", "Average trade", "%", true),
    cell("bestTrade", "Best trade", "%", true),
    cell("worstTrade", "Worst trade", "%", true),
    cell("expectancy", "Expectancy", "%", true),
    cell("profitFactor", "Profit factor", "ratio"),
    cell("sharpeRatio", "Sharpe (per trade)", "ratio"),
    cell("annualizedSharpeRatio", "Sharpe (annualised, daily)", "ratio"),
    cell("sortinoRatio", "Sortino (annualised)", "ratio"),
    cell("calmarRatio", "Calmar", "ratio"),
    cell("expectedYearlyReturns", "CAGR", "%/yr", true),
    cell("exposure", "Time in market", "%"),
    cell("avgDurationMinutes", "Average duration", "min"),
    cell("tradesPerYear", "Trades per year", "trades/yr"),
    cell("periodDays", "Period", "days"),
  ];
}

/**
 * A backtest as one self-contained HTML page: summary statistics with units, the compounded equity curve and
 * its drawdown, a candlestick chart per symbol with every entry, partial exit, moved level and final exit on it
 * (when `extras.candles` has the symbol), the trade table, the per-symbol breakdown and the monthly returns.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderBacktestHtml(
  data: BacktestData,
  extras: BacktestHtmlExtras = {},
  options?: HtmlReporterOptions,
): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const curve = data.equityCurve;
  const charts: ChartSpec[] = [
    returnChart(curve.timestamps, curve.equity),
    drawdownChart(curve.timestamps, curve.drawdownPercent),
  ];
  const priceFigures: string[] = [];
  for (const symbol of data.symbols) {
    const candles = extras.candles?.[symbol];
    if (candles === undefined || candles.length === 0) continue;
    const chart = candleChart(
      `price-${charts.length}`,
      candles,
      data.signalList.filter((t) => t.symbol === symbol),
    );
    charts.push(chart);
    priceFigures.push(
      chartFigure(
        chart,
        `${symbol}: ${chart.markers.length} markers (▲▼ entries, violet ● partial exits, amber ● moved stops, ■ final exits with PnL)`,
        380,
      ),
    );
  }
  const costs = data.costs
    .map((c) => `fee ${c.percentFee}%, slippage ${c.percentSlippage}%, fills ${c.fillModel}`)
    .join("; ");
  const sections = [
    section("Summary", statGrid(format, tradeStatCells(data))),
    section(
      "Equity and drawdown",
      chartFigure(charts[0]!, "Compounded return after each close (%)") +
        chartFigure(
          charts[1]!,
          `Drawdown at each close (%); the largest, troughs within trades included: ${format.value(data.maxDrawdown, "%")}`,
          180,
        ),
    ),
    section(
      "Trades on the price",
      priceFigures.length > 0
        ? priceFigures.join("")
        : `<p class="note">No candles were given for the price chart.</p>`,
    ),
    section(`Trades (${data.signalList.length})`, tradeTable(format, data.signalList, resolved.maxTableRows)),
    section("Per symbol", symbolBreakdown(format, data)),
    section(
      "Monthly returns (compounded, by close month, UTC)",
      monthlyReturnsTable(format, data.signalList),
    ),
  ];
  return renderPage({
    kind: "backtest",
    title: resolved.title ?? `Backtest: ${data.strategyName}`,
    subtitle: `${data.symbols.join(", ")} · ${period(format, data.periodStart, data.periodEnd)}${costs ? ` · ${costs}` : ""}`,
    sections,
    charts,
    data,
  });
}

function period(format: ValueFormat, start: number | null, end: number | null): string {
  return start === null || end === null ? "period unknown" : `${format.time(start)} → ${format.time(end)}`;
}

interface SymbolRow {
  readonly symbol: string;
  readonly trades: readonly ClosedResult[];
  readonly stats: ReturnType<typeof computeStatistics>;
}

function symbolBreakdown(format: ValueFormat, data: BacktestData): string {
  const options = {
    ...(data.periodStart === null ? {} : { periodStart: data.periodStart }),
    ...(data.periodEnd === null ? {} : { periodEnd: data.periodEnd }),
  };
  const rows: SymbolRow[] = data.symbols.map((symbol) => {
    const trades = data.signalList.filter((trade) => trade.symbol === symbol);
    return { symbol, trades, stats: computeStatistics(trades, options) };
  });
  const percent = (value: number | null) => escapeHtml(format.value(value, "%"));
  const columns: Column<SymbolRow>[] = [
    { key: "symbol", header: "Symbol", cell: (r) => escapeHtml(r.symbol) },
    { key: "trades", header: "Trades", cell: (r) => String(r.stats.tradeCount) },
    { key: "winRate", header: "Win rate", cell: (r) => percent(r.stats.winRate) },
    signedColumn("totalPnl", "Total PnL", (r) => r.stats.totalPnl, percent),
    signedColumn("compoundedReturn", "Compounded", (r) => r.stats.compoundedReturn, percent),
    { key: "maxDrawdown", header: "Max drawdown", cell: (r) => percent(r.stats.maxDrawdown) },
    {
      key: "pnlCost",
      header: "PnL (quote)",
      cell: (r) =>
        escapeHtml(
          format.value(
            r.trades.reduce((sum, t) => sum + t.pnl.pnlCost, 0),
            "quote",
          ),
        ),
    },
  ];
  return dataTable("symbols", columns, rows);
}
