import { addWalker, type CandleInterval, isWalkerMetric, Walker, type WalkerMetric } from "@candlewick/core";
import { isStrategyDefinition } from "../../define/define-strategy.js";
import { registerStrategy } from "../../define/register-strategy.js";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { parseInterval, parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { registerRunSetup } from "../register-run-setup.js";
import { reportRunErrors } from "../report-run-errors.js";
import { UsageError } from "../usage-error.js";
import { useMarkdownReporter } from "../use-markdown-reporter.js";
import { writeOutput } from "../write-output.js";

/** Options of `candlewick walker`. */
export interface WalkerCommandOptions {
  symbol: string;
  from?: string;
  to?: string;
  exchange: string;
  interval: string;
  metric?: string;
  cacheDir: string;
  offline?: boolean;
  out?: string;
  json?: boolean;
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
  const interval: CandleInterval = parseInterval("--interval", options.interval);
  if (options.metric !== undefined && !isWalkerMetric(options.metric)) {
    throw new UsageError(
      `--metric "${options.metric}" is not a walker metric`,
      "e.g. --metric sharpeRatio, totalPnl, winRate, maxDrawdown",
    );
  }
  const strategies: string[] = [];
  let metric = options.metric as WalkerMetric | undefined;
  let walkerName = "cli-walker";
  for (const file of files) {
    const loaded = await loadDefinition(file, true);
    if (isStrategyDefinition(loaded)) {
      strategies.push(registerStrategy(loaded));
      continue;
    }
    walkerName = loaded.name;
    metric ??= loaded.metric;
    for (const variant of loaded.variants) {
      strategies.push(
        registerStrategy(variant.strategy, variant.params as never, {
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
  const { exchangeName, frameName } = await registerRunSetup({ ...options, ...range, interval });
  addWalker({ walkerName, exchangeName, frameName, strategies, ...(metric === undefined ? {} : { metric }) });
  useMarkdownReporter();

  const bar = createProgressBar(`walker ${walkerName} ${options.symbol}`, io.stderr as NodeJS.WriteStream);
  const errors = reportRunErrors(io);
  try {
    bar.update(0, strategies.length, strategies[0]);
    for await (const progress of Walker.run(options.symbol, { walkerName })) {
      bar.update(progress.strategiesTested, progress.totalStrategies, progress.strategyName);
    }
  } finally {
    bar.stop();
    errors.stop();
  }
  await writeOutput(
    options,
    () => Walker.getReport(walkerName, options.symbol),
    () => ({ kind: "walker", version: 1, data: Walker.getData(walkerName, options.symbol) }),
    io,
  );
  return 0;
}
