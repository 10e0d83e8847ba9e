import { getLiveData } from "./get-live-data.js";
import { getReporter } from "./set-reporter.js";
import { writeReportFile } from "./write-report-file.js";

/**
 * Writes a strategy's live report (every symbol) to `<dir>/<strategyName><ext>` atomically, creating `dir`;
 * returns the file's path. Default dir `./dump/live`. `Live.dump`.
 */
export async function dumpLive(strategyName: string, dir = "./dump/live"): Promise<string> {
  const reporter = getReporter();
  return writeReportFile(
    dir,
    strategyName,
    reporter.fileExtension,
    reporter.renderLive(getLiveData(strategyName)),
  );
}
