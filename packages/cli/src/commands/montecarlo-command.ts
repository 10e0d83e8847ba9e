import { readFile } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import {
  createTrialJobRunner,
  type MonteCarloDistributions,
  type MonteCarloMethod,
  type MonteCarloResult,
  monteCarlo,
  monteCarloDistributions,
  monteCarloMarkdown,
} from "@candlewick/research";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { loadModuleUrl } from "../load-module.js";
import { parseParams, parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { csvDir, parseChoice, parseInteger } from "../research-options.js";
import { RunFailure, UsageError } from "../usage-error.js";
import { writeResearchResult } from "../write-research-result.js";

/** Options of `candlewick montecarlo`. */
export interface MontecarloCommandOptions {
  method: string;
  simulations: string;
  seed: string;
  /** With a strategy file: the backtest whose trades are resampled. */
  symbol?: string;
  from?: string;
  to?: string;
  exchange: string;
  param: string[];
  out?: string;
  json?: boolean;
  /** Also write the analysis as a self-contained HTML page with charts here. */
  html?: string;
}

/**
 * `candlewick montecarlo <saved-result.json | strategy-file>`: shuffles and bootstrap resamples of a result's
 * trade returns, read from a saved backtest or walk-forward (`--json --out`) or from a backtest of the strategy
 * file run here.
 */
export async function montecarloCommand(
  input: string,
  options: MontecarloCommandOptions,
  io: CliIo,
): Promise<number> {
  const methodOption = parseChoice("--method", options.method, ["both", "shuffle", "bootstrap"] as const);
  const methods: MonteCarloMethod[] = methodOption === "both" ? ["shuffle", "bootstrap"] : [methodOption];
  const simulations = parseInteger("--simulations", options.simulations, 1, 10_000_000);
  const seed = parseInteger("--seed", options.seed, -(2 ** 31), 2 ** 31);
  const { returns, source } =
    extname(input) === ".json" ? await savedReturns(input) : await backtestReturns(input, options);
  if (returns.length === 0) {
    throw new RunFailure(
      `${source} has no closed trades`,
      "Monte Carlo resamples trades: pick a run that traded",
    );
  }
  const bar = createProgressBar(`montecarlo ${basename(input)}`, io.stderr as NodeJS.WriteStream);
  const results: MonteCarloResult[] = [];
  const distributions: MonteCarloDistributions[] = [];
  try {
    for (const [index, method] of methods.entries()) {
      bar.update(index, methods.length, method);
      results.push(monteCarlo(returns, { method, simulations, seed }));
      // the charts' data (the same simulations again, kept as bands and histograms): for JSON and HTML only
      if (options.json || options.html !== undefined) {
        distributions.push(monteCarloDistributions(returns, { method, simulations, seed }));
      }
    }
    bar.update(methods.length, methods.length);
  } finally {
    bar.stop();
  }
  const info = {
    title: `Monte Carlo of ${source}`,
    settings: [`${returns.length} trades`, `${simulations} simulations per method, seed ${seed}`],
  };
  const data = {
    ...info,
    returnsPct: returns,
    results,
    ...(distributions.length > 0 ? { distributions } : {}),
  };
  await writeResearchResult(options, "montecarlo", data, () => monteCarloMarkdown(results, info), io);
  return 0;
}

/** Trade returns (%) of a saved backtest (`signalList`) or walk-forward (`trades`). */
async function savedReturns(file: string): Promise<{ returns: number[]; source: string }> {
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(resolve(file), "utf8"));
  } catch (error) {
    throw new UsageError(
      `${file} cannot be read as JSON: ${(error as Error).message.split("\n")[0]}`,
      "pass a result saved with --json --out <file>.json, or a strategy file",
    );
  }
  const { kind, data } = (saved ?? {}) as { kind?: unknown; data?: Record<string, unknown> };
  const trades = kind === "backtest" ? data?.signalList : kind === "walkforward" ? data?.trades : undefined;
  if (!Array.isArray(trades)) {
    throw new UsageError(
      `${file} is not a saved backtest or walk-forward (kind is ${JSON.stringify(kind)})`,
      "save one with candlewick backtest ... --json --out result.json",
    );
  }
  const returns = trades.map((trade, index) => {
    const value = (trade as { pnl?: { pnlPercentage?: unknown } })?.pnl?.pnlPercentage;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new UsageError(`${file}: trade ${index} has no numeric pnl.pnlPercentage`, "re-save the result");
    }
    return value;
  });
  return { returns, source: `${basename(file)} (saved ${kind})` };
}

/** Trade returns of one backtest of the strategy (defaults or --param) on --symbol over --from..--to. */
async function backtestReturns(
  file: string,
  options: MontecarloCommandOptions,
): Promise<{ returns: number[]; source: string }> {
  if (options.symbol === undefined) {
    throw new UsageError(
      `a strategy file needs --symbol, --from and --to to backtest it`,
      "e.g. candlewick montecarlo strategy.ts --symbol BTCUSDT --from 2025-06-01 --to 2025-07-01",
    );
  }
  const { from, to } = parseRange(options);
  const definition = await loadDefinition(file, false);
  const params = parseParams(options.param);
  const runner = createTrialJobRunner({ importModule: loadModuleUrl });
  const run = await runner.withData({
    studyId: "montecarlo",
    trialNumber: 0,
    strategyModule: resolve(file),
    params,
    symbols: [options.symbol],
    candles: { kind: "csv", dir: csvDir(options.exchange) },
    frame: { interval: "1m", startMs: from.getTime(), endMs: to.getTime() },
    objective: { statistic: "totalPnl", aggregate: "mean", unavailable: 0 },
    metrics: [],
  });
  const trades = run.data.get(options.symbol)?.signalList ?? [];
  return {
    returns: trades.map((trade) => trade.pnl.pnlPercentage),
    source: `${definition.name} on ${options.symbol}, ${from.toISOString().slice(0, 10)} → ${to.toISOString().slice(0, 10)}`,
  };
}
