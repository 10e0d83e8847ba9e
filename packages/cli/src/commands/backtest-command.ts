import { Backtest, listenProgress } from "@candlewick/core";
import { registerStrategy } from "@candlewick/sdk";
import type { CliIo } from "../cli-io.js";
import { explainNoCandles } from "../explain-no-candles.js";
import { loadDefinition } from "../load-definition.js";
import { parseParams, parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { registerRunSetup } from "../register-run-setup.js";
import { reportRunErrors } from "../report-run-errors.js";
import { type CostOptions, parseCosts, resolveTick, type TickOptions } from "../run-settings.js";
import { useMarkdownReporter } from "../use-markdown-reporter.js";
import { writeHtmlReport } from "../write-html-report.js";
import { writeOutput } from "../write-output.js";

/** Options of `candlewick backtest`. */
export interface BacktestCommandOptions extends CostOptions, TickOptions {
  symbol: string;
  from?: string;
  to?: string;
  exchange: string;
  param: string[];
  cacheDir: string;
  offline?: boolean;
  out?: string;
  json?: boolean;
  /** Also write the report as a self-contained HTML file here (with the candles and the trades on them). */
  html?: string;
  allowErrors?: boolean;
}

/** `candlewick backtest <strategy-file>`: one backtest, then its report (markdown, or JSON with --json). */
export async function backtestCommand(
  file: string,
  options: BacktestCommandOptions,
  io: CliIo,
): Promise<number> {
  const range = parseRange(options);
  const config = parseCosts(options);
  const params = parseParams(options.param);
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, params as never);
  const interval = resolveTick(options, [{ name: strategyName, interval: definition.interval }], io);
  const { exchange, exchangeName, frameName } = await registerRunSetup({ ...options, ...range, interval });
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
    for await (const _ of Backtest.run(options.symbol, { strategyName, exchangeName, frameName, config })) {
      // Results are read back from Backtest.getData / getReport.
    }
  } catch (error) {
    errors.stop();
    throw await explainNoCandles(error, exchange, options);
  } finally {
    bar.stop();
    stopProgress();
  }
  await writeOutput(
    options,
    () => Backtest.getReport(strategyName, options.symbol),
    () => ({ kind: "backtest", version: 1, data: Backtest.getData(strategyName, options.symbol) }),
    io,
  );
  if (options.html !== undefined) {
    // Imported only for --html, so the other commands start no slower.
    const { loadReportCandles, renderBacktestHtml } = await import("@candlewick/reporter-html");
    const data = Backtest.getData(strategyName, options.symbol);
    const candles = await loadReportCandles(exchange, data.symbols, range.from.getTime(), range.to.getTime());
    await writeHtmlReport(options.html, renderBacktestHtml(data, { candles }), io);
  }
  return errors.finish(options.allowErrors);
}
