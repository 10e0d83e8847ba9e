import { getHeatData } from "./get-heat-data.js";
import type { HeatData } from "./heat-data.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/** A strategy's backtest results per symbol, side by side, with a portfolio row over all its trades. */
export const Heat = {
  /** One row per symbol the strategy was backtested on, plus the pooled portfolio statistics. */
  getData(strategyName: string): HeatData {
    return getHeatData(strategyName);
  },

  /** The heat map rendered by the registered reporter (`setReporter`). */
  getReport(strategyName: string): string {
    return getReporter().renderHeat(getHeatData(strategyName));
  },

  /** Writes the heat map to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/heat`. */
  async dump(strategyName: string, dir = "./dump/heat"): Promise<string> {
    const reporter = getReporter();
    return writeReportFile(
      dir,
      strategyName,
      reporter.fileExtension,
      reporter.renderHeat(getHeatData(strategyName)),
    );
  },
};
