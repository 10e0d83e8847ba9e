import { analyzeLookahead, describeDecision, type LookaheadReport } from "@candlewick/research";
import {
  type AnalysisCommandOptions,
  analysisRunOptions,
  loadAnalysisSetup,
  wholeNumber,
} from "../analysis-options.js";
import type { CliIo } from "../cli-io.js";
import { createProgressBar } from "../progress-bar.js";
import { EXIT } from "../usage-error.js";

/**
 * `candlewick lookahead-analysis <strategy-file>`: backtests the strategy, re-makes sampled decisions with the
 * data cut at their time and prints every one that changed. Exit 0 when none changed, 1 when one did (so a CI
 * step can run it).
 */
export async function lookaheadAnalysisCommand(
  file: string,
  options: AnalysisCommandOptions,
  io: CliIo,
): Promise<number> {
  const samples = wholeNumber("--samples", options.samples ?? "40", 1);
  const setup = await loadAnalysisSetup(file, "lookahead-analysis", options);
  const bar = createProgressBar(
    `lookahead ${setup.definition.name} ${setup.symbol}`,
    io.stderr as NodeJS.WriteStream,
  );
  let report: LookaheadReport;
  try {
    report = await analyzeLookahead(setup.definition, {
      ...analysisRunOptions(setup),
      samples,
      ...(setup.candleDir === undefined ? {} : { candleDir: setup.candleDir }),
      onSample: (done, total) => bar.update(done, total),
    });
  } finally {
    bar.stop();
  }
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatLookahead(report));
  return report.differences.length === 0 ? EXIT.ok : EXIT.failure;
}

/** The report as text: the counts, then one block per decision that changed. */
export function formatLookahead(report: LookaheadReport): string {
  const lines = [
    `lookahead analysis of ${report.strategyName} on ${report.symbol}`,
    `decisions: ${report.decisions} (${report.signals} with a signal); re-made with the data cut: ${report.sampled.length}`,
  ];
  if (report.differences.length === 0) {
    lines.push("no decision changed when the later data was removed: no look-ahead found");
  } else {
    lines.push(
      `${report.differences.length} decision(s) changed when the later data was removed: the strategy sees the future`,
    );
    for (const { time, full, cut } of report.differences) {
      lines.push(
        `  ${new Date(time).toISOString().replace(".000Z", "Z")}  full run: ${describeDecision(full)}  |  data cut here: ${describeDecision(cut)}`,
      );
    }
    lines.push(
      "look for candle files read directly, state kept in the module between runs, or data normalised over the whole range",
    );
  }
  return `${lines.join("\n")}\n`;
}
