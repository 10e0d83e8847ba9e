import { getPerformanceData } from "./get-performance-data.js";
import type { PerformanceData } from "./performance-data.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/** Timing of a strategy's backtests, signals and live ticks: count, mean, min, max and percentiles. */
export const Performance = {
  /** Summaries per kind of performance event of a strategy (all symbols, or one). */
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
