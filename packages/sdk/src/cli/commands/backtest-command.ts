import { Backtest, type CandleInterval, listenProgress } from "@candlewick/core";
import { registerStrategy } from "../../define/register-strategy.js";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { parseInterval, parseParams, parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { registerRunSetup } from "../register-run-setup.js";
import { reportRunErrors } from "../report-run-errors.js";
import { useMarkdownReporter } from "../use-markdown-reporter.js";
import { writeOutput } from "../write-output.js";

/** Options of `candlewick backtest`. */
export interface BacktestCommandOptions {
  symbol: string;
  from?: string;
  to?: string;
  exchange: string;
  interval: string;
  param: string[];
  cacheDir: string;
  offline?: boolean;
  out?: string;
  json?: boolean;
}

/** `candlewick backtest <strategy-file>`: one backtest, then its report (markdown, or JSON with --json). */
export async function backtestCommand(
  file: string,
  options: BacktestCommandOptions,
  io: CliIo,
): Promise<number> {
  const range = parseRange(options);
  const interval: CandleInterval = parseInterval("--interval", options.interval);
  const params = parseParams(options.param);
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, params as never);
  const { exchangeName, frameName } = await registerRunSetup({ ...options, ...range, interval });
  useMarkdownReporter();

  const bar = createProgressBar(
    `backtest ${strategyName} ${options.symbol}`,
    io.stderr as NodeJS.WriteStream,
  );
  const stopProgress = listenProgress((event) => {
    if (event.strategyName === strategyName) bar.update(event.processedFrames, event.totalFrames);
  });
  const errors = reportRunErrors(io);
  try {
    for await (const _ of Backtest.run(options.symbol, { strategyName, exchangeName, frameName })) {
      // Results are read back from Backtest.getData / getReport.
    }
  } finally {
    bar.stop();
    stopProgress();
    errors.stop();
  }
  await writeOutput(
    options,
    () => Backtest.getReport(strategyName, options.symbol),
    () => ({ kind: "backtest", version: 1, data: Backtest.getData(strategyName, options.symbol) }),
    io,
  );
  return 0;
}
