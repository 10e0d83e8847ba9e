import { parseWithSchema, type Reporter } from "@candlewick/core";
import {
  type MarkdownReporterOptions,
  markdownReporterOptionsSchema,
  type ResolvedMarkdownReporterOptions,
} from "./markdown-reporter-options.js";
import { renderBacktest } from "./render-backtest.js";
import { renderHeat } from "./render-heat.js";
import { renderLive } from "./render-live.js";
import { renderPerformance } from "./render-performance.js";
import { renderPortfolio } from "./render-portfolio.js";
import { renderRisk } from "./render-risk.js";
import { renderSchedule } from "./render-schedule.js";
import { renderWalker } from "./render-walker.js";
import { createValueFormat } from "./value-format.js";

/**
 * A reporter that renders Candlewick's report data as GitHub-flavoured markdown: aligned tables, numbers with
 * their units, `n/a` with the reason for unavailable metrics, ISO 8601 UTC timestamps. Register it once:
 * `setReporter(createMarkdownReporter())`; then `Backtest.getReport`, `Walker.dump`… produce markdown.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function createMarkdownReporter(options?: MarkdownReporterOptions): Reporter {
  const parsed = parseWithSchema("reporter-markdown", markdownReporterOptionsSchema, options ?? {});
  const resolved: ResolvedMarkdownReporterOptions = {
    decimals: parsed.decimals ?? 2,
    ratioDecimals: parsed.ratioDecimals ?? 3,
    priceDecimals: parsed.priceDecimals,
  };
  const format = createValueFormat(resolved);
  return {
    specificationVersion: "v1",
    name: "markdown",
    fileExtension: ".md",
    renderBacktest: (data) => renderBacktest(format, data),
    renderLive: (data) => renderLive(format, data),
    renderWalker: (data) => renderWalker(format, data),
    renderSchedule: (data) => renderSchedule(format, data),
    renderHeat: (data) => renderHeat(format, data),
    renderPerformance: (data) => renderPerformance(format, data),
    renderRisk: (data) => renderRisk(format, data),
    renderPortfolio: (data) => renderPortfolio(format, data),
  };
}
