import type { WalkerData, WalkerStrategyResult } from "@candlewick/core";
import type { ChartSpec } from "./chart-spec.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, signedColumn } from "./stat-grid.js";
import { createValueFormat } from "./value-format.js";

/**
 * A walker's comparison as one self-contained HTML page: the ranking by its metric as a bar chart and a table
 * with the main statistics of every strategy.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderWalkerHtml(data: WalkerData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const ranked = data.strategies.filter((row) => row.metricValue !== null);
  const ranking: ChartSpec = {
    type: "bars",
    id: "ranking",
    labels: ranked.map((row) => row.strategyName),
    values: ranked.map((row) => row.metricValue!),
    unit: "",
  };
  const pct = (value: number | null) => escapeHtml(format.value(value, "%"));
  const columns: Column<WalkerStrategyResult>[] = [
    { key: "rank", header: "Rank", cell: (r) => String(r.rank) },
    { key: "strategyName", header: "Strategy", cell: (r) => escapeHtml(r.strategyName) },
    {
      key: "metricValue",
      header: data.metricLabel,
      cell: (r) =>
        escapeHtml(
          r.metricValue === null
            ? `n/a (${r.stats.unavailable[data.metric as keyof typeof r.stats.unavailable] ?? "unavailable"})`
            : format.value(r.metricValue, "ratio"),
        ),
    },
    { key: "tradeCount", header: "Trades", cell: (r) => String(r.stats.tradeCount) },
    { key: "winRate", header: "Win rate", cell: (r) => pct(r.stats.winRate) },
    signedColumn("totalPnl", "Total PnL", (r) => r.stats.totalPnl, pct),
    { key: "maxDrawdown", header: "Max drawdown", cell: (r) => pct(r.stats.maxDrawdown) },
    {
      key: "sharpeRatio",
      header: "Sharpe",
      cell: (r) => escapeHtml(format.value(r.stats.sharpeRatio, "ratio")),
    },
  ];
  const best =
    data.bestStrategy === null
      ? "no strategy has a value for the metric"
      : `best: ${data.bestStrategy} (${data.metricLabel} ${format.value(data.bestMetric, "ratio")}, ${data.metricDirection === "lower" ? "lower is better" : "higher is better"})`;
  return renderPage({
    kind: "walker",
    title: resolved.title ?? `Walker: ${data.walkerName}`,
    subtitle: `${data.symbols.join(", ")} · ${data.strategiesTested} of ${data.totalStrategies} strategies tested · ${best}`,
    sections: [
      section(
        `Ranking by ${data.metricLabel}`,
        chartFigure(ranking, `${data.metricLabel} per strategy, best first`, 260),
      ),
      section("Strategies", dataTable("ranking", columns, data.strategies)),
    ],
    charts: [ranking],
    data,
  });
}
