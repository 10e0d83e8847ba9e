export type {
  BarChartSpec,
  CandleChartSpec,
  ChartSpec,
  HeatmapChartSpec,
  MarkerSpec,
  ScatterChartSpec,
  TimeChartSpec,
  TimeSeriesSpec,
} from "./chart-spec.js";
export { createHtmlReporter, type HtmlReporter } from "./html-reporter.js";
export { type HtmlReporterOptions, htmlReporterOptionsSchema } from "./html-reporter-options.js";
export { monthlyReturns } from "./monthly-returns.js";
export type { OptimizationReportData, OptimizationTrial } from "./optimization-input.js";
export type { ReportKind } from "./page-layout.js";
export { type BacktestHtmlExtras, renderBacktestHtml } from "./render-backtest-html.js";
export { openSignals, renderLiveHtml } from "./render-live-html.js";
export { rankTrials, renderOptimizationHtml } from "./render-optimization-html.js";
export { renderPortfolioHtml } from "./render-portfolio-html.js";
export { renderWalkerHtml } from "./render-walker-html.js";
export { chartInterval, DEFAULT_MAX_CANDLES, loadReportCandles } from "./report-candles.js";
