import { getPerformanceData } from "./get-performance-data.js";
import type { PerformanceData } from "./performance-data.js";
import { startPerformanceRecording } from "./performance-recorder.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/**
 * Timing of a strategy's backtests, signals and live ticks: count, mean, min, max and percentiles. Recording is
 * opt-in: call `Performance.enable()` before the runs to measure.
 */
export const Performance = {
  /**
   * Starts recording performance events for this report (idempotent; it stays on). While it records, backtests
   * also time every tick they run (`backtest_timeframe`: the opening tick of a signal too, up to the signal's
   * acceptance; ticks skipped while a signal is open or until the strategy's next interval are not run), which
   * makes a fast strategy's backtest measurably slower, and
   * a parallel walker forwards each of those events from its worker threads.
   */
  enable(): void {
    startPerformanceRecording();
  },

  /**
   * Summaries per kind of performance event of a strategy (all symbols, or one), since `enable()`.
   * @throws CandlewickError `PERFORMANCE_NOT_ENABLED` when `enable()` was never called.
   */
  getData(strategyName: string, symbol?: string): PerformanceData {
    return getPerformanceData(strategyName, symbol);
  },

  /** The same data rendered by the registered reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string {
    return getReporter().renderPerformance(getPerformanceData(strategyName, symbol));
  },

  /** Writes the report (all symbols) to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/performance`. */
  async dump(strategyName: string, dir = "./dump/performance"): Promise<string> {
    const reporter = getReporter();
    return writeReportFile(
      dir,
      strategyName,
      reporter.fileExtension,
      reporter.renderPerformance(getPerformanceData(strategyName)),
    );
  },
};
