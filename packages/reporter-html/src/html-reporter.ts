import type { BacktestData, LiveData, PortfolioData, WalkerData } from "@candlewick/core";
import type { HtmlReporterOptions } from "./html-reporter-options.js";
import type { MonteCarloReportData } from "./monte-carlo-input.js";
import type { OptimizationReportData } from "./optimization-input.js";
import { type BacktestHtmlExtras, renderBacktestHtml } from "./render-backtest-html.js";
import { renderLiveHtml } from "./render-live-html.js";
import { renderMonteCarloHtml } from "./render-monte-carlo-html.js";
import { renderOptimizationHtml } from "./render-optimization-html.js";
import { renderPortfolioHtml } from "./render-portfolio-html.js";
import { renderWalkForwardHtml } from "./render-walk-forward-html.js";
import { renderWalkerHtml } from "./render-walker-html.js";
import { resolveHtmlOptions } from "./resolve-options.js";
import type { WalkForwardReportData } from "./walk-forward-input.js";

/** Renders report data as self-contained HTML documents (one string, one file each). */
export interface HtmlReporter {
  readonly name: "html";
  readonly fileExtension: ".html";
  renderBacktest(data: BacktestData, extras?: BacktestHtmlExtras): string;
  renderPortfolio(data: PortfolioData): string;
  renderWalker(data: WalkerData): string;
  renderLive(data: LiveData): string;
  renderOptimization(data: OptimizationReportData): string;
  renderWalkForward(data: WalkForwardReportData): string;
  renderMonteCarlo(data: MonteCarloReportData): string;
}

/**
 * An HTML reporter with fixed options: each method returns one complete HTML document that opens from disk with
 * no network (the chart library, the data and the script are inline).
 * @throws InvalidArgumentError naming the option when `options` is invalid (checked here, once).
 */
export function createHtmlReporter(options?: HtmlReporterOptions): HtmlReporter {
  resolveHtmlOptions(options);
  return {
    name: "html",
    fileExtension: ".html",
    renderBacktest: (data, extras) => renderBacktestHtml(data, extras, options),
    renderPortfolio: (data) => renderPortfolioHtml(data, options),
    renderWalker: (data) => renderWalkerHtml(data, options),
    renderLive: (data) => renderLiveHtml(data, options),
    renderOptimization: (data) => renderOptimizationHtml(data, options),
    renderWalkForward: (data) => renderWalkForwardHtml(data, options),
    renderMonteCarlo: (data) => renderMonteCarloHtml(data, options),
  };
}
