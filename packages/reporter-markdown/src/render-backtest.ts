import type { BacktestData } from "@candlewick/core";
import { renderCosts } from "./render-costs.js";
import { renderPeriod } from "./render-period.js";
import { renderStatistics } from "./render-statistics.js";
import { renderTrades } from "./render-trades.js";
import type { ValueFormat } from "./value-format.js";

/** Backtest report: what was tested, every statistic, then every closed trade with its symbol. */
export function renderBacktest(format: ValueFormat, data: BacktestData): string {
  return [
    `# Backtest report: ${data.strategyName}`,
    "",
    `- Symbols: ${data.symbols.length > 0 ? data.symbols.join(", ") : "none"}`,
    `- Period (UTC): ${renderPeriod(format, data)}`,
    renderCosts(data.costs),
    "- PnL is net of fees and slippage on both sides, in percent of the entry.",
    "",
    "## Summary",
    "",
    renderStatistics(format, data),
    "",
    `## Trades (${data.signalList.length})`,
    "",
    renderTrades(format, data.signalList),
    "",
  ].join("\n");
}
