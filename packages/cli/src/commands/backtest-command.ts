import { Backtest, listenProgress, Portfolio } from "@candlewick/core";
import { registerStrategy } from "@candlewick/sdk";
import { parseSymbols } from "../backtest-symbols.js";
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
  /** One symbol, or several separated by commas. */
  symbol: string;
  /** With several symbols: one account for all of them (core's Portfolio) instead of one backtest per symbol. */
  portfolio?: boolean;
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

/**
 * `candlewick backtest <strategy-file>`: a backtest per symbol of `--symbol A,B,C`, then their report over every
 * symbol (markdown, JSON with --json, HTML with --html); with `--portfolio`, one portfolio backtest instead: every
 * symbol on one clock and one account (core's `Portfolio`), reported as a portfolio.
 */
export async function backtestCommand(
  file: string,
  options: BacktestCommandOptions,
  io: CliIo,
): Promise<number> {
  const symbols = parseSymbols(options.symbol);
  const range = parseRange(options);
  const config = parseCosts(options);
  const params = parseParams(options.param);
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, params as never);
  const interval = resolveTick(options, [{ name: strategyName, interval: definition.interval }], io);
  const { exchange, exchangeName, frameName } = await registerRunSetup({ ...options, ...range, interval });
  useMarkdownReporter();

  const bar = createProgressBar(
    `${options.portfolio ? "portfolio" : "backtest"} ${strategyName} ${symbols.join(",")}`,
    io.stderr as NodeJS.WriteStream,
  );
  // Several symbols run one after the other: the bar counts the frames of all of them.
  const stopProgress = listenProgress((event) => {
    if (event.strategyName !== strategyName) return;
    const before = Math.max(symbols.indexOf(event.symbol), 0) * event.totalFrames;
    bar.update(before + event.processedFrames, event.totalFrames * symbols.length, event.symbol);
  });
  const errors = reportRunErrors(io);
  let symbol = symbols[0]!;
  try {
    if (options.portfolio) {
      for await (const _ of Portfolio.run({
        symbols,
        strategies: [strategyName],
        exchangeName,
        frameName,
        config,
      })) {
        // Results are read back from Portfolio.getData / getReport.
      }
    } else {
      for (const each of symbols) {
        symbol = each;
        for await (const _ of Backtest.run(each, { strategyName, exchangeName, frameName, config })) {
          // Results are read back from Backtest.getData / getReport.
        }
      }
    }
  } catch (error) {
    errors.stop();
    // a portfolio runs every symbol at once: the one without candles is the one its error names
    const named = symbols.find((each) => String((error as Error)?.message).includes(`for ${each} `));
    throw await explainNoCandles(error, exchange, { ...options, symbol: named ?? symbol });
  } finally {
    bar.stop();
    stopProgress();
  }
  // One symbol keeps that symbol's report; several report every symbol of the strategy's runs.
  const only = symbols.length === 1 ? symbols[0] : undefined;
  if (options.portfolio) {
    await writeOutput(
      options,
      () => Portfolio.getReport(),
      () => ({ kind: "portfolio", version: 1, data: Portfolio.getData() }),
      io,
    );
  } else {
    await writeOutput(
      options,
      () => Backtest.getReport(strategyName, only),
      () => ({ kind: "backtest", version: 1, data: Backtest.getData(strategyName, only) }),
      io,
    );
  }
  if (options.html !== undefined) {
    // Imported only for --html, so the other commands start no slower.
    const { loadReportCandles, renderBacktestHtml, renderPortfolioHtml } = await import(
      "@candlewick/reporter-html"
    );
    if (options.portfolio) {
      await writeHtmlReport(options.html, renderPortfolioHtml(Portfolio.getData()), io);
    } else {
      const data = Backtest.getData(strategyName, only);
      const candles = await loadReportCandles(
        exchange,
        data.symbols,
        range.from.getTime(),
        range.to.getTime(),
      );
      await writeHtmlReport(options.html, renderBacktestHtml(data, { candles }), io);
    }
  }
  return errors.finish(options.allowErrors);
}
