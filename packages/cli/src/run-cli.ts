import { readFileSync } from "node:fs";
import { CandlewickError } from "@candlewick/core";
import { Command, CommanderError, Option } from "commander";
import type { CliIo } from "./cli-io.js";
import { collectOption } from "./collect-option.js";
import { backtestCommand } from "./commands/backtest-command.js";
import { downloadCommand } from "./commands/download-command.js";
import { registerHaltCommand } from "./commands/halt-command.js";
import { liveCommand } from "./commands/live-command.js";
import { montecarloCommand } from "./commands/montecarlo-command.js";
import { optimizeCommand } from "./commands/optimize-command.js";
import { reportCommand } from "./commands/report-command.js";
import { walkerCommand } from "./commands/walker-command.js";
import { walkforwardCommand } from "./commands/walkforward-command.js";
import { workerCommand } from "./commands/worker-command.js";
import { brokerOptions } from "./live-broker-options.js";
import { registerAnalysisCommands } from "./register-analysis-commands.js";
import { EXIT, RunFailure, UsageError } from "./usage-error.js";

const DEFAULT_CACHE = "./.candlewick/candles";

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

function window(command: Command, symbol = "market symbol, e.g. BTCUSDT"): Command {
  required(command, "--symbol <symbol>", symbol);
  required(command, "--from <date>", "start, inclusive: 2025-06-01 (UTC) or an ISO time with its zone");
  required(command, "--to <date>", "end, exclusive");
  return runControls(command)
    .option(
      "--tick <interval>",
      "time between two ticks of the frame, not the candle interval: getSignal is asked at most once per tick (default 1m)",
    )
    .addOption(new Option("--interval <interval>", "deprecated: the old name of --tick").hideHelp())
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--json", "print the result as JSON (what `candlewick report` reads back)")
    .option("--html <file>", "also write the report as a self-contained HTML file with charts");
}

/** The flags of `optimize` and `walkforward`: a window, local candles and the study's settings. */
function study(command: Command): Command {
  required(command, "--symbol <symbols>", "market symbol(s), comma-separated: BTCUSDT or BTCUSDT,ETHUSDT");
  required(command, "--from <date>", "start, inclusive: 2025-06-01 (UTC) or an ISO time with its zone");
  required(command, "--to <date>", "end, exclusive");
  return command
    .option(
      "--exchange <source>",
      "csv:<dir> of candle files (trials re-open them by path)",
      "csv:./data/candles",
    )
    .option("--tick <interval>", "time between two ticks of the frame (default 1m)")
    .option("--trials <n>", "trials in the study", "100")
    .option("--sampler <sampler>", "tpe, random or grid", "tpe")
    .option("--seed <n>", "seed of the study: the same seed gives the same trials", "1")
    .option("--statistic <name>", "the statistic optimised, a key of the backtest statistics", "totalPnl")
    .option("--direction <direction>", "maximize or minimize", "maximize")
    .option("--aggregate <how>", "how symbols combine: mean, sum, min or median", "mean")
    .option(
      "--min-trades <n>",
      "constraint: trials with fewer closed trades (aggregated) are infeasible",
      "1",
    )
    .option(
      "--parallel <k>",
      "trials run at once, in deterministic batches of k (default: --workers, else 1)",
    )
    .option(
      "--workers <n>",
      "run the trials on n worker threads sharing the candles (same result as without)",
    )
    .option(
      "--redis <url>",
      "run the trials through the queue on this Redis, by `candlewick worker` processes",
    )
    .option("--queue <name>", "with --redis: the queue's name (default candlewick-trials)")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--json", "print the result as JSON")
    .option("--html <file>", "also write the report as a self-contained HTML file with charts");
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

  window(
    candleSource(program.command("backtest <strategy-file>")),
    "market symbol(s), comma-separated: BTCUSDT, or BTCUSDT,ETHUSDT (a backtest per symbol, one report)",
  )
    .description(
      "backtest the strategy (default export of the file) on one or more symbols and print its report",
    )
    .option(
      "--portfolio",
      "with several symbols: one account for all of them on one clock (core's Portfolio), reported as a portfolio",
    )
    .option(
      "--param <key=value>",
      "override a parameter (repeatable); values are JSON or strings",
      collectOption,
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

  study(program.command("optimize <strategy-file>"))
    .description(
      "search the strategy's zod parameter space (TPE, random or grid) with backtests on local candles",
    )
    .option("--study <file>", "JSON-lines study log; a rerun with the same settings resumes it")
    .action(async (file, options) => {
      result.code = await optimizeCommand(file, options, io);
    });
  study(program.command("walkforward <strategy-file>"))
    .description("walk-forward analysis: optimise in sample, trade the best out of sample, fold after fold")
    .option(
      "--mode <mode>",
      "rolling (fixed in-sample length) or anchored (in sample grows from --from)",
      "rolling",
    )
    .option("--in-sample <days>", "length of the (first) in-sample span, in days", "30")
    .option("--out-of-sample <days>", "length of each out-of-sample span, in days", "10")
    .option("--study-dir <dir>", "folder of per-fold study logs; a rerun resumes them")
    .action(async (file, options) => {
      result.code = await walkforwardCommand(file, options, io);
    });
  program
    .command("montecarlo <result-or-strategy>")
    .description(
      "Monte Carlo of a result's trades: a saved --json backtest or walk-forward, or a strategy file",
    )
    .option("--method <method>", "shuffle, bootstrap or both", "both")
    .option("--simulations <n>", "simulations per method", "1000")
    .option("--seed <n>", "random seed", "1")
    .option("--symbol <symbol>", "with a strategy file: the symbol to backtest")
    .option("--from <date>", "with a strategy file: start, inclusive")
    .option("--to <date>", "with a strategy file: end, exclusive")
    .option("--exchange <source>", "with a strategy file: csv:<dir> of candle files", "csv:./data/candles")
    .option(
      "--param <key=value>",
      "with a strategy file: override a parameter (repeatable)",
      collectOption,
      [],
    )
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--json", "print the result as JSON")
    .option("--html <file>", "also write the report as a self-contained HTML file with charts")
    .action(async (input, options) => {
      result.code = await montecarloCommand(input, options, io);
    });
  const live = brokerOptions(candleSource(program.command("live <strategy-file>")));
  required(live, "--symbol <symbol>", "market symbol, e.g. BTCUSDT");
  runControls(live)
    .description("run the strategy live on one symbol; Ctrl-C: graceful stop, twice: stop now")
    .option("--param <key=value>", "override a parameter (repeatable)", collectOption, [])
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
        .argParser(collectOption)
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
    .description(
      "render results saved with --json --out <dir>/<name>.json (backtest, portfolio, walker, optimize, walkforward, montecarlo) as markdown",
    )
    .option("--write", "write <name>.md next to each result instead of printing")
    .option("--html", "write <name>.html (a self-contained page with charts) next to each result")
    .action(async (dir, options) => {
      result.code = await reportCommand(dir, options, io);
    });
  registerHaltCommand(program, io, result);
  const worker = program.command("worker");
  required(
    worker,
    "--redis <url>",
    "the queue's Redis, e.g. redis://10.0.0.5:6379 (redis://user:password@host:port/db)",
  );
  worker
    .description("run optimiser trials from a BullMQ queue on Redis, until Ctrl-C (one per machine)")
    .option("--queue <name>", "the queue's name (default candlewick-trials)")
    .option("--concurrency <n>", "trials run at once (default 1; up to the machine's cores)")
    .option(
      "--runner <module>",
      "a module exporting the TrialJobRunner that runs a trial (default export or `runner`; default: backtest it here)",
    )
    .option("--lock-duration <ms>", "a trial's lock; longer than the longest trial (default 60000)")
    .option("--stalled-interval <ms>", "how often to look for trials of dead workers (default 15000)")
    .action(async (options) => {
      result.code = await workerCommand(options, io);
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
