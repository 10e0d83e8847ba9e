import type { BacktestData } from "./reports/backtest-data.js";
import type { HeatData } from "./reports/heat-data.js";
import type { LiveData } from "./reports/live-data.js";
import type { PerformanceData } from "./reports/performance-data.js";
import type { PortfolioData } from "./reports/portfolio-data.js";
import type { RiskData } from "./reports/risk-data.js";
import type { ScheduleData } from "./reports/schedule-data.js";
import type { WalkerData } from "./reports/walker-data.js";

/**
 * The reporter contract (v1): renders the serialisable report data that core computes into text. A reporter
 * only formats; it computes no statistic. Register one with `setReporter`; `Backtest.getReport`,
 * `Walker.getReport`, `Schedule.getReport`… and every `dump` use it. Implemented by
 * `@candlewick/reporter-markdown` (`createMarkdownReporter()`).
 */
export interface Reporter {
  readonly specificationVersion: "v1";
  /** Short name for messages, e.g. `"markdown"`. */
  readonly name: string;
  /** Extension of dumped files, with its dot, e.g. `".md"`. */
  readonly fileExtension: string;
  /** `Backtest.getData`: summary statistics and every closed trade. */
  renderBacktest(data: BacktestData): string;
  /** Every live signal event of a strategy, with the statistics of its closed ones. */
  renderLive(data: LiveData): string;
  /** The walker's strategies side by side, best first. */
  renderWalker(data: WalkerData): string;
  /** Scheduled (limit) entries: how many activated, were cancelled, and how long they waited. */
  renderSchedule(data: ScheduleData): string;
  /** One row per symbol of a strategy plus the portfolio over all its trades. */
  renderHeat(data: HeatData): string;
  /** Timing of backtests, signals and live ticks. */
  renderPerformance(data: PerformanceData): string;
  /** Signals the risks rejected: counts per risk, rule, symbol and strategy, and the rejections themselves. */
  renderRisk(data: RiskData): string;
  /** A portfolio backtest: capital statistics, the equity curve's summary, the breakdown per symbol and strategy. */
  renderPortfolio(data: PortfolioData): string;
}
