import type { Candle, CandlewickConfig } from "@candlewick/core";
import type { StrategyDefinition } from "@candlewick/sdk";
import { loadCandleHistory } from "./load-candle-history.js";
import { loadDefinition } from "./load-definition.js";
import { parseParams, parseRange } from "./parse-options.js";
import { resolveExchange } from "./resolve-exchange.js";
import { type CostOptions, parseCosts } from "./run-settings.js";
import { UsageError } from "./usage-error.js";

/** Options shared by `lookahead-analysis` and `warmup-analysis`. */
export interface AnalysisCommandOptions extends CostOptions {
  symbol?: string;
  from?: string;
  to?: string;
  exchange: string;
  cacheDir: string;
  offline?: boolean;
  param: string[];
  historyDays: string;
  samples?: string;
  json?: boolean;
}

/** What an analysis command runs on: the strategy, its parameters, the candles and the window. */
export interface AnalysisSetup {
  readonly definition: StrategyDefinition;
  readonly params: Record<string, unknown>;
  readonly config: Partial<CandlewickConfig>;
  readonly symbol: string;
  readonly from: Date;
  readonly to: Date;
  readonly candles: Candle[];
  /** The CSV folder of `--exchange csv:<dir>`, if that is the source. */
  readonly candleDir: string | undefined;
}

/** Checks the options, loads the strategy file and the candles (`--history-days` before `--from`, then the window). */
export async function loadAnalysisSetup(
  file: string,
  command: string,
  options: AnalysisCommandOptions,
): Promise<AnalysisSetup> {
  if (options.symbol === undefined) {
    throw new UsageError(
      "required option '--symbol <symbol>' not specified",
      `market symbol, e.g. BTCUSDT; see candlewick ${command} --help`,
    );
  }
  const { from, to } = parseRange(options);
  const historyDays = wholeNumber("--history-days", options.historyDays, 0);
  const config = parseCosts(options);
  const params = parseParams(options.param);
  const definition = await loadDefinition(file, false);
  const exchange = await resolveExchange(options);
  const since = new Date(from.getTime() - historyDays * 86_400_000);
  const candles = await loadCandleHistory(exchange, options.symbol, since, to);
  const candleDir = options.exchange.startsWith("csv:") ? options.exchange.slice(4) : undefined;
  return { definition, params, config, symbol: options.symbol, from, to, candles, candleDir };
}

/**
 * The part of research's analysis options every analysis command passes the same way: the candles, the window,
 * the symbol, the parameters and the costs.
 */
export function analysisRunOptions(setup: AnalysisSetup) {
  return {
    candles: setup.candles,
    from: setup.from,
    to: setup.to,
    symbol: setup.symbol,
    // Checked by the strategy's own zod schema when the run starts.
    params: setup.params as never,
    config: setup.config,
  };
}

/** A whole number option of at least `min`. */
export function wholeNumber(option: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(
      `${option} "${value}" is not a whole number of at least ${min}`,
      `e.g. ${option} ${Math.max(min, 20)}`,
    );
  }
  return Number(value);
}
