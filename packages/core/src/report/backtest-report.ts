import { getBacktestData } from "../backtest/get-backtest-data.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/** `Backtest.getReport`: the strategy's backtest statistics and trades rendered by the registered reporter. */
export function getBacktestReport(strategyName: string, symbol?: string): string {
  return getReporter().renderBacktest(getBacktestData(strategyName, symbol));
}

/** `Backtest.dump`: writes the report of every symbol to `<dir>/<strategyName><ext>` atomically; returns the path. */
export async function dumpBacktestReport(strategyName: string, dir = "./dump/backtest"): Promise<string> {
  const reporter = getReporter();
  return writeReportFile(
    dir,
    strategyName,
    reporter.fileExtension,
    reporter.renderBacktest(getBacktestData(strategyName)),
  );
}
