import { chartLibrarySource } from "./chart-library-source.js";
import type { ChartSpec } from "./chart-spec.js";
import { drawReportCharts } from "./client/draw-report-charts.js";
import { escapeHtml, jsonForScript } from "./html-escape.js";
import { stripSecrets } from "./strip-secrets.js";

/** The kinds of page the package renders (`data-report-kind` on `<body>`). */
export type ReportKind =
  | "backtest"
  | "portfolio"
  | "walker"
  | "live"
  | "optimization"
  | "walkforward"
  | "montecarlo";

/** Everything one page is made of. `sections` is trusted HTML, built with `escapeHtml` by the renderers. */
export interface PageParts {
  readonly kind: ReportKind;
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly string[];
  readonly charts: readonly ChartSpec[];
  /** The report data the page shows, embedded as JSON (`#candlewick-data`) for anyone who wants the numbers. */
  readonly data: unknown;
}

/** A figure the page's script draws `chart` into. */
export function chartFigure(chart: ChartSpec, caption: string, height = 280): string {
  return `<figure class="chart" data-chart="${escapeHtml(chart.id)}"><figcaption>${escapeHtml(caption)}</figcaption><div class="chart-body" style="height:${height}px"></div></figure>`;
}

/** A titled section. */
export function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/**
 * One self-contained HTML document: styles, the chart library, the data and the drawing script all inline, no
 * request to anywhere.
 */
export function renderPage(parts: PageParts): string {
  const payload = { kind: parts.kind, data: stripSecrets(parts.data) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@candlewick/reporter-html">
<title>${escapeHtml(parts.title)}</title>
<style>${STYLES}</style>
</head>
<body data-report-kind="${parts.kind}">
<header><h1>${escapeHtml(parts.title)}</h1><p class="subtitle">${escapeHtml(parts.subtitle)}</p></header>
<main>
${parts.sections.join("\n")}
</main>
<footer>Made by Candlewick. Charts: <a href="https://www.tradingview.com/lightweight-charts/">TradingView Lightweight Charts™</a> (Apache-2.0), inlined.</footer>
<script type="application/json" id="candlewick-data">${jsonForScript(payload)}</script>
<script type="application/json" id="candlewick-charts">${jsonForScript(parts.charts)}</script>
<script>${chartLibrarySource()}</script>
<script>
${KEEP_NAMES_SHIM}
(${drawReportCharts.toString()})(LightweightCharts, JSON.parse(document.getElementById("candlewick-charts").textContent));
</script>
</body>
</html>
`;
}

/**
 * The drawing function is embedded with toString(), so it carries whatever its compiler made of it. esbuild with
 * `keepNames` (tsx, some bundlers) wraps inner functions in calls to a `__name` helper defined outside the
 * function; this stands in for it (it only sets a function's name, which the page does not need).
 */
const KEEP_NAMES_SHIM = "var __name = function (target) { return target; };";

const STYLES = `
:root { color-scheme: light; --ink: #24292f; --muted: #57606a; --line: #d0d7de; --up: #1a7f37; --down: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 10px; }
.subtitle, footer, .note { color: var(--muted); }
footer { padding: 16px 20px 28px; font-size: 12px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; margin: 16px 0; overflow-x: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 16px; margin: 0; }
.grid div { border-left: 3px solid var(--line); padding-left: 8px; }
.grid dt { color: var(--muted); font-size: 12px; }
.grid dd { margin: 0; font-size: 16px; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid #eaeef2; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-weight: 600; }
.pos { color: var(--up); }
.neg { color: var(--down); }
figure.chart { margin: 0 0 12px; }
.histograms { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 16px; }
figcaption { color: var(--muted); font-size: 12px; margin-bottom: 4px; }
.chart-body { width: 100%; position: relative; }
`;
