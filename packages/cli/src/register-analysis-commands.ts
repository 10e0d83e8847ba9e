import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { collectOption } from "./collect-option.js";
import { listDataCommand } from "./commands/list-data-command.js";
import { lookaheadAnalysisCommand } from "./commands/lookahead-analysis-command.js";
import { newCommand } from "./commands/new-command.js";
import { warmupAnalysisCommand } from "./commands/warmup-analysis-command.js";

/** The options of both analysis commands: the window, the candle source, the parameters and the costs. */
function analysisOptions(command: Command): Command {
  return command
    .option("--symbol <symbol>", "market symbol, e.g. BTCUSDT (required)")
    .option("--from <date>", "start of the backtest, inclusive (required)")
    .option("--to <date>", "end, exclusive (required)")
    .option(
      "--exchange <source>",
      "csv:<dir> (local candle files) or a ccxt exchange id",
      "csv:./data/candles",
    )
    .option("--cache-dir <dir>", "candle cache of ccxt exchanges", "./.candlewick/candles")
    .option("--offline", "ccxt exchanges: read only from the cache")
    .option("--history-days <days>", "days of candles before --from given to the runs as history", "30")
    .option("--param <key=value>", "override a parameter (repeatable)", collectOption, [])
    .option("--preset <name>", "a whole config preset (backtest-kit)")
    .option("--fee <percent>", "fee per side, in percent")
    .option("--slippage <percent>", "slippage per side, in percent")
    .option("--fill-model <model>", "candle (default), vwap, ...")
    .option("--json", "print the report as JSON");
}

/**
 * Adds `lookahead-analysis`, `warmup-analysis`, `list-data` and `new` to the program. Each action stores its
 * exit code in `result`, like the commands of `run-cli.ts`.
 */
export function registerAnalysisCommands(program: Command, io: CliIo, result: { code: number }): void {
  analysisOptions(program.command("lookahead-analysis <strategy-file>"))
    .description(
      "backtest, then re-make sampled decisions with the data cut at their time; print every one that changed (exit 1 if any)",
    )
    .option("--samples <n>", "decisions re-made (default 40)")
    .action(async (file, options) => {
      result.code = await lookaheadAnalysisCommand(file, options, io);
    });

  analysisOptions(program.command("warmup-analysis <strategy-file>"))
    .description("how much history each indicator the strategy streams needs before its values are stable")
    .option("--samples <n>", "times measured per indicator (default 20)")
    .option("--tolerance <relative>", "largest relative change still called stable", "1e-4")
    .option(
      "--max-history <candles>",
      "longest history tried, in candles of the indicator's interval",
      "1000",
    )
    .action(async (file, options) => {
      result.code = await warmupAnalysisCommand(file, options, io);
    });

  program
    .command("list-data")
    .description("what the candle folder and the ccxt cache hold: symbols, intervals, ranges and gaps")
    .option("--dir <dir>", "folder of <SYMBOL>-<interval>.csv[.gz] files (subfolders too)", "./data/candles")
    .option("--cache-dir <dir>", "candle cache of ccxt exchanges", "./.candlewick/candles")
    .option("--json", "print the listing as JSON")
    .action(async (options) => {
      result.code = await listDataCommand(options, io);
    });

  program
    .command("new <name>")
    .description(
      "scaffold a strategy package (strategy, test, README, package.json) that passes its own test",
    )
    .option("--dir <dir>", "folder to create <name>/ in (default: the current folder)")
    .option(
      "--candlewick-version <spec>",
      "version spec of the @candlewick dependencies (default: ^ this CLI's sdk)",
    )
    .action(async (name, options) => {
      result.code = await newCommand(name, options, io);
    });
}
