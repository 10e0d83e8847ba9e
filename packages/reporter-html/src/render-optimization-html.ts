import type { ChartSpec, HeatmapChartSpec } from "./chart-spec.js";
import { escapeHtml } from "./html-escape.js";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import type { OptimizationReportData, OptimizationTrial } from "./optimization-input.js";
import { chartFigure, renderPage, section } from "./page-layout.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import { type Column, dataTable, signedColumn } from "./stat-grid.js";
import { createValueFormat } from "./value-format.js";

/** Cells per axis of the two-parameter heat map (fewer when a parameter has fewer distinct values). */
const HEATMAP_BINS = 10;

/**
 * The trials best first: feasible trials by value in the study's direction (ties by trial number), then the
 * infeasible ones, which never rank above a feasible trial.
 */
export function rankTrials(data: OptimizationReportData): OptimizationTrial[] {
  const sign = data.direction === "maximize" ? -1 : 1;
  const feasible = (trial: OptimizationTrial) => (trial.state ?? "complete") === "complete";
  return [...data.trials].sort(
    (a, b) => Number(feasible(b)) - Number(feasible(a)) || sign * (a.value - b.value) || a.number - b.number,
  );
}

/** Names of the parameters that are numbers in every trial, in the order of the first trial. */
export function numericParams(trials: readonly OptimizationTrial[]): string[] {
  const first = trials[0];
  if (first === undefined) return [];
  return Object.keys(first.params).filter((name) =>
    trials.every((trial) => typeof trial.params[name] === "number" && Number.isFinite(trial.params[name])),
  );
}

/**
 * The best value per cell of two parameters: each axis is cut into at most {@link HEATMAP_BINS} equal bins
 * (one per distinct value when there are fewer), and a cell holds the best feasible value that fell into it.
 */
export function heatmap(data: OptimizationReportData, x: string, y: string): HeatmapChartSpec {
  const trials = data.trials.filter((trial) => (trial.state ?? "complete") === "complete");
  const axis = (name: string) => {
    const values = [...new Set(trials.map((trial) => trial.params[name] as number))].sort((a, b) => a - b);
    if (values.length <= HEATMAP_BINS) return { edges: values, bin: (v: number) => values.indexOf(v) };
    const low = values[0]!;
    const width = (values.at(-1)! - low) / HEATMAP_BINS;
    const edges = Array.from({ length: HEATMAP_BINS }, (_, k) => low + k * width);
    return { edges, bin: (v: number) => Math.min(Math.floor((v - low) / width), HEATMAP_BINS - 1) };
  };
  const xs = axis(x);
  const ys = axis(y);
  const cells: (number | null)[][] = ys.edges.map(() => xs.edges.map(() => null));
  const better = (a: number, b: number | null) =>
    b === null || (data.direction === "maximize" ? a > b : a < b);
  for (const trial of trials) {
    const row = cells[ys.bin(trial.params[y] as number)]!;
    const column = xs.bin(trial.params[x] as number);
    if (better(trial.value, row[column]!)) row[column] = trial.value;
  }
  return { type: "heatmap", id: "heatmap", xLabel: x, yLabel: y, xs: xs.edges, ys: ys.edges, cells };
}

/**
 * A study's trials as one self-contained HTML page: the ranking, the objective against each numeric parameter
 * (a scatter per parameter) and, with two or more numeric parameters, a heat map of the first two.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function renderOptimizationHtml(data: OptimizationReportData, options?: HtmlReporterOptions): string {
  const resolved = resolveHtmlOptions(options);
  const format = createValueFormat(resolved);
  const ranked = rankTrials(data);
  const params = numericParams(data.trials);
  const feasible = data.trials.filter((trial) => (trial.state ?? "complete") === "complete");
  const charts: ChartSpec[] = params.map((name, index) => ({
    type: "scatter",
    id: `scatter-${index}`,
    xLabel: name,
    yLabel: data.objectiveLabel,
    points: feasible.map((trial) => [trial.params[name] as number, trial.value] as const),
  }));
  const figures = charts.map((chart, index) =>
    chartFigure(chart, `${data.objectiveLabel} against ${params[index]}`, 240),
  );
  if (params.length >= 2) {
    const map = heatmap(data, params[0]!, params[1]!);
    charts.push(map);
    figures.push(
      chartFigure(map, `Best ${data.objectiveLabel} per cell of ${params[0]} × ${params[1]}`, 320),
    );
  }
  const paramNames = Object.keys(data.trials[0]?.params ?? {});
  const metricNames = [...new Set(data.trials.flatMap((trial) => Object.keys(trial.metrics ?? {})))];
  const columns: Column<OptimizationTrial>[] = [
    { key: "rank", header: "Rank", cell: (t) => String(ranked.indexOf(t) + 1) },
    { key: "number", header: "Trial", cell: (t) => String(t.number) },
    signedColumn(
      "value",
      data.objectiveLabel,
      (t) => t.value,
      (value) => escapeHtml(format.value(value, "ratio")),
    ),
    ...paramNames.map((name) => ({
      key: `param-${name}`,
      header: name,
      cell: (t: OptimizationTrial) => escapeHtml(String(t.params[name])),
    })),
    ...metricNames.map((name) => ({
      key: `metric-${name}`,
      header: name,
      cell: (t: OptimizationTrial) => {
        const value = t.metrics?.[name];
        return escapeHtml(
          value !== undefined && Number.isInteger(value) ? String(value) : format.value(value, "ratio"),
        );
      },
    })),
    { key: "state", header: "State", cell: (t) => escapeHtml(t.state ?? "complete") },
  ];
  const shown = ranked.slice(0, resolved.maxTableRows);
  const best = ranked[0];
  return renderPage({
    kind: "optimization",
    title: resolved.title ?? `Optimisation: ${data.studyName}`,
    subtitle: `${data.trials.length} trials, ${feasible.length} feasible · ${data.direction} ${data.objectiveLabel}${best ? ` · best: trial ${best.number} (${format.value(best.value, "ratio")})` : ""}`,
    sections: [
      section(
        "Objective against the parameters",
        figures.length > 0 ? figures.join("") : `<p class="note">No numeric parameter to plot.</p>`,
      ),
      section("Ranking", dataTable("trials", columns, shown)),
    ],
    charts,
    data,
  });
}
