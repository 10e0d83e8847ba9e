import { readFileSync } from "node:fs";
import { CandlewickError } from "@candlewick/core";
import { Command, CommanderError, Option } from "commander";
import type { CliIo } from "./cli-io.js";
import { backtestCommand } from "./commands/backtest-command.js";
import { downloadCommand } from "./commands/download-command.js";
import { liveCommand } from "./commands/live-command.js";
import { reportCommand } from "./commands/report-command.js";
import { walkerCommand } from "./commands/walker-command.js";
import { brokerOptions } from "./live-broker-options.js";
import { registerAnalysisCommands } from "./register-analysis-commands.js";
import { EXIT, RunFailure, UsageError } from "./usage-error.js";

const DEFAULT_CACHE = "./.candlewick/candles";
const collect = (value: string, previous: string[]) => [...previous, value];

/** Core config keys the CLI sets from an option: a config error names the option the user typed. */
const CONFIG_OPTIONS: Readonly<Record<string, string>> = {
  percentFee: "--fee",
  percentSlippage: "--slippage",
  fillModel: "--fill-model",
  orderPrefix: "--order-prefix",
};

/**
 * Mandatory options, checked in a preAction hook rather than with commander's `requiredOption`: commander checks
 * mandatory options before unknown ones, so a typo (`--symbl`) was reported as "--symbol not specified".
 */
const mandatory = new WeakMap<Command, Option[]>();

function required(command: Command, flags: string, description: string): Command {
  const option = new Option(flags, `${description} (required)`);
  mandatory.set(command, [...(mandatory.get(command) ?? []), option]);
  return command.addOption(option);
}

function checkMandatory(command: Command): void {
  for (const option of mandatory.get(command) ?? []) {
    if (command.getOptionValue(option.attributeName()) === undefined) {
      throw new UsageError(
        `required option '${option.flags}' not specified`,
        `${option.description}; see candlewick ${command.name()} --help`,
      );
    }
  }
}

/** The package version, for --version: from package.json one folder up (src/ and dist/ alike). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

function runControls(command: Command): Command {
  return command
    .option(
      "--preset <name>",
      "a whole config preset, applied before --fee/--slippage/--fill-model: backtest-kit (reproduces backtest-kit's trades)",
    )
    .option("--fee <percent>", "fee per side, in percent of the traded value (default 0.1)")
    .option("--slippage <percent>", "slippage per side, in percent of the price (default 0.1)")
    .option(
      "--fill-model <model>",
      "how fills are decided: candle (default: 1m high/low), vwap, or another fillModel of core's config",
    )
    .option("--allow-errors", "exit 0 even when getSignal threw or signals were rejected during the run");
}

function candleSource(command: Command): Command {
  return command
    .option(
      "--exchange <source>",
      "csv:<dir> (local candle files) or a ccxt exchange id (binance, ...)",
      "csv:./data/candles",
    )
    .option("--cache-dir <dir>", "candle cache of ccxt exchanges", DEFAULT_CACHE)
    .option("--offline", "ccxt exchanges: read only from the cache");
}

function window(command: Command): Command {
  required(command, "--symbol <symbol>", "market symbol, e.g. BTCUSDT");
  required(command, "--from <date>", "start, inclusive: 2025-06-01 (UTC) or an ISO time with its zone");
  required(command, "--to <date>", "end, exclusive");
  return runControls(command)
    .option(
      "--tick <interval>",
      "time between two ticks of the frame, not the candle interval: getSignal is asked at most once per tick (default 1m)",
    )
    .addOption(new Option("--interval <interval>", "deprecated: the old name of --tick").hideHelp())
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--json", "print the result as JSON (what `candlewick report` reads back)");
}

/** Builds the `candlewick` program. Each action stores its exit code in `result`. */
function createProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command("candlewick")
    .description("Backtest, compare and run Candlewick strategies written with @candlewick/sdk.")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  window(candleSource(program.command("backtest <strategy-file>")))
    .description("backtest the strategy (default export of the file) on one symbol and print its report")
    .option(
      "--param <key=value>",
      "override a parameter (repeatable); values are JSON or strings",
      collect,
      [],
    )
    .action(async (file, options) => {
      result.code = await backtestCommand(file, options, io);
    });

  window(candleSource(program.command("walker <files...>")))
    .description("compare strategies: a walker file (defineWalker) or two or more strategy files")
    .option("--metric <metric>", "ranking metric, e.g. sharpeRatio, totalPnl, winRate, maxDrawdown")
    .action(async (files, options) => {
      result.code = await walkerCommand(files, options, io);
    });

  const live = brokerOptions(candleSource(program.command("live <strategy-file>")));
  required(live, "--symbol <symbol>", "market symbol, e.g. BTCUSDT");
  runControls(live)
    .description("run the strategy live on one symbol; Ctrl-C: graceful stop, twice: stop now")
    .option("--param <key=value>", "override a parameter (repeatable)", collect, [])
    .option("--state-dir <dir>", "where persist-fs keeps live state", "./.candlewick/state")
    .option("--replay-from <date>", "replay history from this time at full speed instead of the wall clock")
    .option("--replay-to <date>", "end of the replay")
    .option("--json", "print events as JSON lines")
    .action(async (file, options) => {
      result.code = await liveCommand(file, options, io);
    });

  const download = program.command("download");
  required(download, "--exchange <id>", "ccxt exchange id, e.g. binance");
  download
    .description("download candles into the ccxt adapter's cache (needs @candlewick/exchange-ccxt)")
    .addOption(
      new Option("--symbol <symbol>", "symbol(s), repeatable or comma-separated")
        .argParser(collect)
        .default([]),
    )
    .option("--from <date>", "start, inclusive (required)")
    .option("--to <date>", "end, exclusive (required)")
    .option("--interval <interval>", "candle interval", "1m")
    .option("--cache-dir <dir>", "cache folder", DEFAULT_CACHE)
    .option("--json", "print the summary as JSON")
    .action(async (options) => {
      result.code = await downloadCommand(options, io);
    });

  program
    .command("report <dir>")
    .description("render results saved with --json --out <dir>/<name>.json as markdown")
    .option("--write", "write <name>.md next to each result instead of printing")
    .action(async (dir, options) => {
      result.code = await reportCommand(dir, options, io);
    });
  registerAnalysisCommands(program, io, result);
  program.hook("preAction", (_, actionCommand) => checkMandatory(actionCommand));
  return program;
}

/**
 * Runs the CLI on `argv` (without node and script) and resolves with the exit code: 0 ok, 1 the run failed,
 * 2 bad usage (one line saying what, one line with a hint), 130 a live run stopped by a second Ctrl-C.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = createProgram(io, result);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version"
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\nhint: ${error.hint}\n`);
      return EXIT.usage;
    }
    if (error instanceof RunFailure) {
      io.stderr.write(`error: ${error.message}\n${error.hint === undefined ? "" : `hint: ${error.hint}\n`}`);
      return EXIT.failure;
    }
    if (CandlewickError.isInstance(error) && error.code === "INVALID_ARGUMENT") {
      const field = String(error.details.field);
      io.stderr.write(
        `error: ${error.message}\nhint: check the value of ${Object.hasOwn(CONFIG_OPTIONS, field) ? CONFIG_OPTIONS[field] : field}\n`,
      );
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: ${message}\n`);
    if (!CandlewickError.isInstance(error) && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack.split("\n").slice(1, 4).join("\n")}\n`);
    }
    return EXIT.failure;
  }
}
