import type { ChartSpec } from "./chart-spec.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, signedColumn, statGrid } from "./stat-grid.js";
import { timePoints } from "./time-points.js";
import { tradeTable } from "./trade-table.js";
import { createValueFormat, type ValueFormat } from "./value-format.js";
import type { WalkForwardReportData, WalkForwardReportFold } from "./walk-forward-input.js";

/**
 * The equity the out-of-sample spans would have reached had each fold earned at its in-sample pace: fold i's
 * in-sample return scaled to its out-of-sample length, `(1 + IS)^(OOS span / IS span)`, compounded fold after
 * fold. Beside the real out-of-sample equity it shows how much of the fitted edge carried over.
 */
export function inSamplePace(folds: readonly WalkForwardReportFold[]): {
  timestamps: number[];
  equity: number[];
} {
  const timestamps: number[] = [];
  const equity: number[] = [];
  let level = 1;
  for (const fold of folds) {
    const { inSample, outOfSample } = fold.window;
    if (timestamps.length === 0) {
      timestamps.push(outOfSample.startMs);
      equity.push(level);
    }
    const ratio = (outOfSample.endMs - outOfSample.startMs) / (inSample.endMs - inSample.startMs);
    level *= Math.max(1 + fold.inSample.returnPct / 100, 0) ** ratio;
    timestamps.push(outOfSample.endMs);
    equity.push(level);
  }
  return { timestamps, equity };
}

function paramsText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${typeof value === "number" ? +value.toPrecision(6) : String(value)}`)
    .join(", ");
}

function foldColumns(format: ValueFormat, statistic: string): Column<WalkForwardReportFold>[] {
  const pct = (value: number | null | undefined) => escapeHtml(format.value(value, "%"));
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const span = (s: { startMs: number; endMs: number }) => escapeHtml(`${day(s.startMs)} → ${day(s.endMs)}`);
  return [
    { key: "fold", header: "Fold", cell: (f) => String(f.window.index) },
    { key: "inSample", header: "In sample", cell: (f) => span(f.window.inSample) },
    { key: "outOfSample", header: "Out of sample", cell: (f) => span(f.window.outOfSample) },
    {
      key: "best",
      header: "Best parameters",
      cell: (f) => escapeHtml(f.best ? `#${f.best.number}: ${paramsText(f.best.params)}` : "none feasible"),
    },
    {
      key: "isValue",
      header: `IS ${statistic}`,
      cell: (f) => escapeHtml(format.value(f.best?.value, "ratio")),
    },
    signedColumn("isReturn", "IS return", (f) => f.inSample.returnPct, pct),
    { key: "isYearly", header: "IS yearly", cell: (f) => pct(f.inSample.annualisedReturnPct) },
    {
      key: "oosValue",
      header: `OOS ${statistic}`,
      cell: (f) => escapeHtml(format.value(f.outOfSample.value, "ratio")),
    },
    { key: "oosTrades", header: "OOS trades", cell: (f) => String(f.outOfSample.trades.length) },
    signedColumn("oosReturn", "OOS return", (f) => f.outOfSample.returnPct, pct),
    { key: "oosYearly", header: "OOS yearly", cell: (f) => pct(f.outOfSample.annualisedReturnPct) },
    signedColumn(
      "efficiency",
      "WFE",
      (f) => f.efficiency,
      (value) => escapeHtml(format.value(value, "ratio")),
    ),
  ];
}

/**
 * A walk-forward analysis as one self-contained HTML page: the stitched out-of-sample record and walk-forward
 * efficiency (WFE), the out-of-sample equity against the in-sample pace ({@link inSamplePace}), each fold's
 * out-of-sample return, the per-fold table (windows, best parameters, in- and out-of-sample returns, WFE) and the
 * out-of-sample trades.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderWalkForwardHtml(data: WalkForwardReportData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const statistic = data.statistic ?? "objective";
  const start = data.folds[0]?.window.outOfSample.startMs ?? data.equity[0]?.timestamp ?? 0;
  const pace = inSamplePace(data.folds);
  const equity: ChartSpec = {
    type: "time",
    id: "equity",
    series: [
      {
        name: "out of sample",
        style: "area",
        color: "#0969da",
        unit: "%",
        points: timePoints(
          [start, ...data.equity.map((point) => point.timestamp)],
          [1, ...data.equity.map((point) => point.equity)],
          (value) => (value - 1) * 100,
        ),
      },
      {
        name: "in-sample pace",
        style: "line",
        color: "#bf8700",
        unit: "%",
        points: timePoints(pace.timestamps, pace.equity, (value) => (value - 1) * 100),
      },
    ],
  };
  const perFold: ChartSpec = {
    type: "bars",
    id: "fold-returns",
    labels: data.folds.map((fold) => `fold ${fold.window.index}`),
    values: data.folds.map((fold) => fold.outOfSample.returnPct),
    unit: "%",
  };
  const { statistics } = data;
  const summary = statGrid(format, [
    { key: "folds", label: "Folds", value: data.folds.length, unit: "count" },
    { key: "tradeCount", label: "Out-of-sample trades", value: statistics.tradeCount, unit: "count" },
    {
      key: "outOfSampleReturnPct",
      label: "Out-of-sample return",
      value: data.outOfSampleReturnPct,
      unit: "%",
      signed: true,
    },
    {
      key: "outOfSampleAnnualisedPct",
      label: "Out-of-sample, yearly",
      value: data.outOfSampleAnnualisedPct,
      unit: "%/yr",
      signed: true,
    },
    {
      key: "inSampleAnnualisedPct",
      label: "In-sample, yearly (mean of folds)",
      value: data.inSampleAnnualisedPct,
      unit: "%/yr",
      signed: true,
    },
    {
      key: "efficiency",
      label: "Walk-forward efficiency",
      value: data.efficiency,
      unit: "ratio",
      signed: true,
      ...(data.efficiency === null ? { reason: "the in-sample return is not positive" } : {}),
    },
    { key: "winRate", label: "Win rate", value: statistics.winRate, unit: "%" },
    { key: "maxDrawdown", label: "Max drawdown", value: statistics.maxDrawdown, unit: "%" },
    { key: "sharpeRatio", label: "Sharpe (per trade)", value: statistics.sharpeRatio, unit: "ratio" },
  ]);
  const settings =
    data.settings === undefined || data.settings.length === 0
      ? ""
      : `<ul class="note">${data.settings.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`;
  return renderPage({
    kind: "walkforward",
    title: resolved.title ?? data.title ?? "Walk-forward",
    subtitle: `${data.folds.length} folds · out of sample ${format.value(data.outOfSampleReturnPct, "%")} · WFE ${format.value(data.efficiency, "ratio")}`,
    sections: [
      section(
        "Stitched out of sample",
        `${summary}${settings}<p class="note">Walk-forward efficiency (WFE) = annualised out-of-sample return / annualised in-sample return; n/a when the in-sample return is not positive.</p>`,
      ),
      section(
        "Out-of-sample equity against the in-sample pace",
        chartFigure(
          equity,
          "Compounded out-of-sample return (%) and where each fold's in-sample return, scaled to its out-of-sample span, would have taken it",
        ) + chartFigure(perFold, "Out-of-sample return per fold (%)", 220),
      ),
      section("Folds", dataTable("folds", foldColumns(format, statistic), data.folds)),
      section(
        `Out-of-sample trades (${data.trades.length})`,
        tradeTable(format, data.trades, resolved.maxTableRows),
      ),
    ],
    charts: [equity, perFold],
    data,
  });
}
