import {
  addStrategy,
  addWalker,
  type CandleInterval,
  isWalkerMetric,
  WALKER_METRICS,
  Walker,
  type WalkerMetric,
} from "@candlewick/core";
import { createStrategySchema, isStrategyDefinition } from "@candlewick/sdk";
import type { CliIo } from "../cli-io.js";
import { explainNoCandles } from "../explain-no-candles.js";
import { loadDefinition } from "../load-definition.js";
import { parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { registerRunSetup } from "../register-run-setup.js";
import { reportRunErrors } from "../report-run-errors.js";
import { type CostOptions, parseCosts, resolveTick, type TickOptions } from "../run-settings.js";
import { UsageError } from "../usage-error.js";
import { useMarkdownReporter } from "../use-markdown-reporter.js";
import { writeHtmlReport } from "../write-html-report.js";
import { writeOutput } from "../write-output.js";

/** Options of `candlewick walker`. */
export interface WalkerCommandOptions extends CostOptions, TickOptions {
  symbol: string;
  from?: string;
  to?: string;
  exchange: string;
  metric?: string;
  cacheDir: string;
  offline?: boolean;
  out?: string;
  json?: boolean;
  /** Also write the ranking as a self-contained HTML file here. */
  html?: string;
  allowErrors?: boolean;
}

/**
 * `candlewick walker <walker-file | strategy-files...>`: registers every variant of a walker file (or each strategy
 * file with its defaults), compares them with core's Walker on one symbol and prints the ranking.
 */
export async function walkerCommand(
  files: string[],
  options: WalkerCommandOptions,
  io: CliIo,
): Promise<number> {
  const range = parseRange(options);
  const config = parseCosts(options);
  if (options.metric !== undefined && !isWalkerMetric(options.metric)) {
    throw new UsageError(
      `--metric "${options.metric}" is not a walker metric`,
      `use one of: ${Object.keys(WALKER_METRICS).join(", ")}`,
    );
  }
  const strategies: string[] = [];
  const intervals: { name: string; interval: CandleInterval }[] = [];
  /** Strategy name → the file that defined it, to name both files of a duplicate. */
  const definedIn = new Map<string, string>();
  const register = (file: string, schema: ReturnType<typeof createStrategySchema>) => {
    const earlier = definedIn.get(schema.strategyName);
    if (earlier !== undefined) {
      throw new UsageError(
        earlier === file
          ? `strategy "${schema.strategyName}" is defined twice in ${file}`
          : `strategy "${schema.strategyName}" is defined by both ${earlier} and ${file}`,
        "a walker compares distinct strategies: drop one of them, or give one a strategyName of its own",
      );
    }
    definedIn.set(schema.strategyName, file);
    addStrategy(schema);
    strategies.push(schema.strategyName);
    intervals.push({ name: schema.strategyName, interval: schema.interval });
  };
  let metric = options.metric as WalkerMetric | undefined;
  let walkerName = "cli-walker";
  for (const file of files) {
    const loaded = await loadDefinition(file, true);
    if (isStrategyDefinition(loaded)) {
      register(file, createStrategySchema(loaded));
      continue;
    }
    walkerName = loaded.name;
    metric ??= loaded.metric;
    for (const variant of loaded.variants) {
      register(
        file,
        createStrategySchema(variant.strategy, variant.params as never, {
          ...(variant.strategyName === undefined ? {} : { strategyName: variant.strategyName }),
        }),
      );
    }
  }
  if (strategies.length < 2) {
    throw new UsageError(
      `a walker compares at least 2 strategies; ${files.join(", ")} gave ${strategies.length}`,
      "pass two strategy files, or a walker file: export default defineWalker({ name, variants: [...] })",
    );
  }
  const interval = resolveTick(options, intervals, io);
  const { exchange, exchangeName, frameName } = await registerRunSetup({ ...options, ...range, interval });
  addWalker({
    walkerName,
    exchangeName,
    frameName,
    strategies,
    config,
    ...(metric === undefined ? {} : { metric }),
  });
  useMarkdownReporter();

  const bar = createProgressBar(`walker ${walkerName} ${options.symbol}`, io.stderr as NodeJS.WriteStream);
  const errors = reportRunErrors(io);
  try {
    bar.update(0, strategies.length, strategies[0]);
    for await (const progress of Walker.run(options.symbol, { walkerName })) {
      bar.update(progress.strategiesTested, progress.totalStrategies, progress.strategyName);
    }
  } catch (error) {
    errors.stop();
    throw await explainNoCandles(error, exchange, options);
  } finally {
    bar.stop();
  }
  await writeOutput(
    options,
    () => Walker.getReport(walkerName, options.symbol),
    () => ({ kind: "walker", version: 1, data: Walker.getData(walkerName, options.symbol) }),
    io,
  );
  if (options.html !== undefined) {
    const { renderWalkerHtml } = await import("@candlewick/reporter-html"); // only for --html
    await writeHtmlReport(options.html, renderWalkerHtml(Walker.getData(walkerName, options.symbol)), io);
  }
  return errors.finish(options.allowErrors);
}
