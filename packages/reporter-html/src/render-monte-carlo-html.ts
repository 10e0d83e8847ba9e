import type { ChartSpec } from "./chart-spec.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import type {
  MonteCarloReportData,
  MonteCarloReportDistributions,
  MonteCarloReportResult,
  ReportPercentiles,
} from "./monte-carlo-input.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable } from "./stat-grid.js";
import { createValueFormat, type ValueUnit } from "./value-format.js";

/** One row of the percentile table: a method's statistic, the real order's value and the simulated spread. */
interface PercentileRow {
  readonly method: string;
  readonly statistic: string;
  readonly actual: number;
  readonly spread: ReportPercentiles;
  readonly unit: ValueUnit;
}

const STATISTICS = [
  ["finalReturnPct", "final return", "%"],
  ["maxDrawdownPct", "max drawdown", "%"],
  ["longestLosingStreak", "longest losing streak", "ratio"],
] as const;

function percentileRows(results: readonly MonteCarloReportResult[]): PercentileRow[] {
  return results.flatMap((result) =>
    STATISTICS.map(([key, label, unit]) => ({
      method: `${result.method} × ${result.simulations}`,
      statistic: label,
      actual: result.actual[key],
      spread: result[key],
      unit,
    })),
  );
}

/** The charts of one method: equity bands after each trade, and a histogram per statistic with the real value. */
function methodCharts(
  index: number,
  distributions: MonteCarloReportDistributions,
  actual: MonteCarloReportResult["actual"] | undefined,
): { charts: ChartSpec[]; figures: string[] } {
  const { bands } = distributions;
  const charts: ChartSpec[] = [
    {
      type: "bands",
      id: `bands-${index}`,
      xLabel: "trades taken",
      unit: "%",
      xs: bands.trades,
      areas: [
        { name: "p5–p95", color: "rgba(9, 105, 218, 0.18)", low: bands.p5, high: bands.p95 },
        { name: "p25–p75", color: "rgba(9, 105, 218, 0.38)", low: bands.p25, high: bands.p75 },
      ],
      lines: [
        { name: "median", color: "#0969da", values: bands.p50 },
        { name: "actual order", color: "#cf222e", values: bands.actual },
      ],
    },
  ];
  const captions = [
    `${distributions.method}: compounded return (%) after each trade, percentiles of ${bands.simulations} simulations, and the trades in their real order`,
  ];
  for (const [key, label] of STATISTICS) {
    const histogram = distributions[key];
    const value = actual?.[key];
    charts.push({
      type: "histogram",
      id: `hist-${index}-${key}`,
      xLabel: label,
      edges: histogram.edges,
      counts: histogram.counts,
      ...(value === undefined ? {} : { marker: { value, label: `actual ${+value.toFixed(2)}` } }),
    });
    captions.push(`${distributions.method}: ${label} of ${distributions.simulations} simulations`);
  }
  const figures = charts.map((chart, k) => chartFigure(chart, captions[k]!, k === 0 ? 300 : 200));
  return { charts, figures };
}

/**
 * A Monte Carlo analysis as one self-contained HTML page: per method, percentile bands of the equity paths
 * after each trade (with the real order on top) and the distributions of the final return, the max drawdown and
 * the longest losing streak, then the percentile table of every method.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderMonteCarloHtml(data: MonteCarloReportData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const charts: ChartSpec[] = [];
  const sections: string[] = [];
  for (const [index, distributions] of (data.distributions ?? []).entries()) {
    const actual = data.results.find((result) => result.method === distributions.method)?.actual;
    const made = methodCharts(index, distributions, actual);
    charts.push(...made.charts);
    sections.push(
      section(
        `${distributions.method} × ${distributions.simulations}`,
        `${made.figures[0]}<div class="histograms">${made.figures.slice(1).join("")}</div>`,
      ),
    );
  }
  if (sections.length === 0) {
    sections.push(
      section(
        "Distributions",
        `<p class="note">No distributions in this result (saved before they were part of it): only the percentiles below.</p>`,
      ),
    );
  }
  const value = (row: PercentileRow, v: number) => escapeHtml(format.value(v, row.unit));
  const columns: Column<PercentileRow>[] = [
    { key: "method", header: "Method", cell: (r) => escapeHtml(r.method) },
    { key: "statistic", header: "Statistic", cell: (r) => escapeHtml(r.statistic) },
    { key: "actual", header: "Actual", cell: (r) => value(r, r.actual) },
    ...(["p5", "p25", "p50", "p75", "p95"] as const).map((q) => ({
      key: q,
      header: q,
      cell: (r: PercentileRow) => value(r, r.spread[q]),
    })),
  ];
  const settings =
    data.settings === undefined || data.settings.length === 0
      ? ""
      : `<ul class="note">${data.settings.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`;
  sections.push(
    section(
      "Percentiles",
      `${dataTable("percentiles", columns, percentileRows(data.results))}${settings}<p class="note">Trade returns compound from an equity of 1. shuffle reorders the trades (the final return cannot change); bootstrap draws as many trades with replacement.</p>`,
    ),
  );
  const trades = data.results[0]?.tradeCount ?? data.returnsPct?.length ?? 0;
  return renderPage({
    kind: "montecarlo",
    title: resolved.title ?? data.title ?? "Monte Carlo",
    subtitle: `${trades} trades · ${data.results.map((r) => `${r.method} × ${r.simulations}`).join(", ")}`,
    sections,
    charts,
    data,
  });
}
