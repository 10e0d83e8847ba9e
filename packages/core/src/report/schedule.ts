import { getScheduleData } from "./get-schedule-data.js";
import type { ScheduleData } from "./schedule-data.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/** What happened to scheduled (limit) entries: activation and cancellation counts, rates and waits. */
export const Schedule = {
  /** A strategy's scheduled entries (all symbols, or one), backtest and live apart. */
  getData(strategyName: string, symbol?: string): ScheduleData {
    return getScheduleData(strategyName, symbol);
  },

  /** The same data rendered by the registered reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string {
    return getReporter().renderSchedule(getScheduleData(strategyName, symbol));
  },

  /** Writes the report (all symbols) to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/schedule`. */
  async dump(strategyName: string, dir = "./dump/schedule"): Promise<string> {
    const reporter = getReporter();
    return writeReportFile(
      dir,
      strategyName,
      reporter.fileExtension,
      reporter.renderSchedule(getScheduleData(strategyName)),
    );
  },
};
