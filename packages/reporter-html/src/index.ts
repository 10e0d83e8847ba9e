export type {
  BandChartSpec,
  BarChartSpec,
  CandleChartSpec,
  ChartSpec,
  HeatmapChartSpec,
  HistogramChartSpec,
  MarkerSpec,
  ScatterChartSpec,
  TimeChartSpec,
  TimeSeriesSpec,
} from "./chart-spec.js";
export { createHtmlReporter, type HtmlReporter } from "./html-reporter.js";
export { type HtmlReporterOptions, htmlReporterOptionsSchema } from "./html-reporter-options.js";
export type {
  MonteCarloReportData,
  MonteCarloReportDistributions,
  MonteCarloReportResult,
  ReportHistogram,
  ReportPercentiles,
} from "./monte-carlo-input.js";
export { monthlyReturns } from "./monthly-returns.js";
export type { OptimizationReportData, OptimizationTrial } from "./optimization-input.js";
export type { ReportKind } from "./page-layout.js";
export { type BacktestHtmlExtras, renderBacktestHtml } from "./render-backtest-html.js";
export { openSignals, renderLiveHtml } from "./render-live-html.js";
export { renderMonteCarloHtml } from "./render-monte-carlo-html.js";
export { rankTrials, renderOptimizationHtml } from "./render-optimization-html.js";
export { renderPortfolioHtml } from "./render-portfolio-html.js";
export { inSamplePace, renderWalkForwardHtml } from "./render-walk-forward-html.js";
export { renderWalkerHtml } from "./render-walker-html.js";
export { chartInterval, DEFAULT_MAX_CANDLES, loadReportCandles } from "./report-candles.js";
export type { ReportTimeSpan, WalkForwardReportData, WalkForwardReportFold } from "./walk-forward-input.js";
