import { analyzeWarmup, type WarmupReport } from "@candlewick/research";
import {
  type AnalysisCommandOptions,
  analysisRunOptions,
  loadAnalysisSetup,
  wholeNumber,
} from "../analysis-options.js";
import type { CliIo } from "../cli-io.js";
import { UsageError } from "../usage-error.js";

/** Options of `candlewick warmup-analysis`. */
export interface WarmupAnalysisOptions extends AnalysisCommandOptions {
  tolerance: string;
  maxHistory: string;
}

/** `candlewick warmup-analysis <strategy-file>`: the history each of the strategy's indicators needs. */
export async function warmupAnalysisCommand(
  file: string,
  options: WarmupAnalysisOptions,
  io: CliIo,
): Promise<number> {
  const samples = wholeNumber("--samples", options.samples ?? "20", 1);
  const maxHistory = wholeNumber("--max-history", options.maxHistory, 2);
  const tolerance = Number(options.tolerance);
  if (!/^[\d.eE+-]+$/.test(options.tolerance) || !(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new UsageError(
      `--tolerance "${options.tolerance}" is not a number of at least 0`,
      "a relative change, e.g. --tolerance 1e-4 (0.01 %)",
    );
  }
  const setup = await loadAnalysisSetup(file, "warmup-analysis", options);
  const report = await analyzeWarmup(setup.definition, {
    ...analysisRunOptions(setup),
    samples,
    tolerance,
    maxHistory,
  });
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatWarmup(report));
  return 0;
}

/** The report as an aligned table, one row per indicator, and a line per indicator whose stream warm-up is short. */
export function formatWarmup(report: WarmupReport): string {
  const head = [
    `warm-up analysis of ${report.strategyName} on ${report.symbol} (stable within ${report.tolerance} relative, history up to ${report.maxHistory} candles)`,
  ];
  if (report.indicators.length === 0) {
    return `${head[0]}\nthe strategy read no indicator through ctx.indicators\n`;
  }
  const rows = [
    [
      "indicator",
      "interval",
      "samples",
      "warm-up (candles)",
      "stream warm-up",
      "deviation at stream warm-up",
    ],
    ...report.indicators.map((use) => [
      use.label,
      use.interval,
      String(use.samples),
      use.warmup === null ? "no value" : String(use.warmup),
      String(use.streamWarmup),
      use.streamDeviation === null ? "n/a (no longer history)" : use.streamDeviation.toExponential(2),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );
  const notes = report.indicators
    .filter((use) => use.warmup !== null && use.streamWarmup < use.warmup)
    .map(
      (use) =>
        `note: ${use.label} needs ${use.warmup} candles but its stream is fed ${use.streamWarmup}: pass { warmup: ${use.warmup} }`,
    );
  for (const use of report.indicators) {
    if (use.warmup !== null && use.warmup * 2 > use.reference) {
      notes.push(
        `note: ${use.label}'s warm-up is more than half the ${use.reference} candles tried: raise --max-history (and --history-days) to confirm it`,
      );
    }
  }
  const short = report.indicators.filter((use) => use.reference < report.maxHistory);
  if (short.length > 0)
    notes.push(
      `note: some samples had less than ${report.maxHistory} candles of history: raise --history-days`,
    );
  return `${[...head, ...table, ...notes].join("\n")}\n`;
}
