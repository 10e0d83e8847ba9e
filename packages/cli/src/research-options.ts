import { resolve } from "node:path";
import {
  AGGREGATES,
  type Aggregate,
  atLeast,
  type Constraint,
  type Direction,
  gridSampler,
  randomSampler,
  type Sampler,
  type SearchSpace,
  searchSpaceFromStrategy,
  type TrialJobTemplate,
  tpeSampler,
} from "@candlewick/research";
import type { StrategyDefinition } from "@candlewick/sdk";
import { parseInterval, parseRange } from "./parse-options.js";
import { UsageError } from "./usage-error.js";

/** Flags shared by `candlewick optimize` and `candlewick walkforward`. */
export interface StudyCommandOptions {
  symbol: string;
  from?: string;
  to?: string;
  exchange: string;
  tick?: string;
  trials: string;
  sampler: string;
  seed: string;
  statistic: string;
  direction: string;
  aggregate: string;
  minTrades?: string;
  /** Default: `--workers`, else 1. */
  parallel?: string;
  /** Worker threads that run the trials (the pool); absent: in this thread. */
  workers?: string;
  /** Run the trials through the BullMQ queue on this Redis (`candlewick worker` processes consume them). */
  redis?: string;
  queue?: string;
  out?: string;
  json?: boolean;
}

/** The parsed study flags. */
export interface StudySettings {
  readonly symbols: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly dir: string;
  readonly tick: string;
  readonly trials: number;
  readonly samplerName: "tpe" | "random" | "grid";
  readonly sampler: () => Sampler;
  readonly seed: number;
  readonly statistic: string;
  readonly direction: Direction;
  readonly aggregate: Aggregate;
  readonly constraints: readonly Constraint[];
  readonly parallelism: number;
  /** Where trials run: in this thread, on `workers` threads, or through the queue on Redis. */
  readonly where:
    | { readonly kind: "in-process" }
    | { readonly kind: "workers"; readonly workers: number }
    | { readonly kind: "queue"; readonly redis: string; readonly queue?: string };
}

/** An integer option within bounds, or a usage error naming it. */
export function parseInteger(
  option: string,
  value: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const parsed = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(
      `${option} "${value}" is not a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}`,
      `e.g. ${option} ${Math.max(min, Math.min(max, 100))}`,
    );
  }
  return parsed;
}

/** One of `allowed`, or a usage error listing them. */
export function parseChoice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `${option} "${value}" is not one of ${allowed.join(", ")}`,
      `e.g. ${option} ${allowed[0]}`,
    );
  }
  return value as T;
}

/**
 * Candle folder of `--exchange csv:<dir>`: trials are plain-data jobs that a worker elsewhere re-opens, so they read
 * local CSV files, not a ccxt exchange.
 */
export function csvDir(exchange: string): string {
  if (!exchange.startsWith("csv:") || exchange.length === 4) {
    throw new UsageError(
      `--exchange "${exchange}" is not csv:<dir>; optimisation reads local candle files`,
      "download them first (candlewick download ...) and pass --exchange csv:<dir>",
    );
  }
  return resolve(exchange.slice(4));
}

export function parseStudyOptions(options: StudyCommandOptions): StudySettings {
  const { from, to } = parseRange(options);
  const symbols = options.symbol
    .split(",")
    .map((symbol) => symbol.trim())
    .filter(Boolean);
  if (symbols.length === 0) throw new UsageError("--symbol is empty", "e.g. --symbol BTCUSDT,ETHUSDT");
  const samplerName = parseChoice("--sampler", options.sampler, ["tpe", "random", "grid"] as const);
  const sampler = { tpe: () => tpeSampler(), random: () => randomSampler(), grid: () => gridSampler() }[
    samplerName
  ];
  const minTrades =
    options.minTrades === undefined ? undefined : parseInteger("--min-trades", options.minTrades, 0);
  const workers =
    options.workers === undefined ? undefined : parseInteger("--workers", options.workers, 1, 256);
  if (workers !== undefined && options.redis !== undefined) {
    throw new UsageError(
      "--workers and --redis both say where trials run",
      "pass --workers N for threads here, or --redis <url> for `candlewick worker` processes",
    );
  }
  if (options.queue !== undefined && options.redis === undefined) {
    throw new UsageError("--queue needs --redis", "e.g. --redis redis://127.0.0.1:6379 --queue my-trials");
  }
  return {
    symbols,
    from,
    to,
    dir: csvDir(options.exchange),
    tick: options.tick === undefined ? "1m" : parseInterval("--tick", options.tick),
    trials: parseInteger("--trials", options.trials, 1, 1_000_000),
    samplerName,
    sampler,
    seed: parseInteger("--seed", options.seed, -(2 ** 31), 2 ** 31),
    statistic: options.statistic,
    direction: parseChoice("--direction", options.direction, ["maximize", "minimize"] as const),
    aggregate: parseChoice("--aggregate", options.aggregate, AGGREGATES),
    constraints: minTrades === undefined ? [] : [atLeast("tradeCount", minTrades)],
    // k trials at once, in batches of k: with N workers, batches of N keep them all busy.
    parallelism:
      options.parallel === undefined ? (workers ?? 1) : parseInteger("--parallel", options.parallel, 1, 256),
    where:
      workers !== undefined
        ? { kind: "workers", workers }
        : options.redis !== undefined
          ? {
              kind: "queue",
              redis: options.redis,
              ...(options.queue === undefined ? {} : { queue: options.queue }),
            }
          : { kind: "in-process" },
  };
}

/** The search space of a strategy's zod params, with a usage error when it has none to search. */
export function spaceOf(definition: StrategyDefinition, file: string): SearchSpace {
  try {
    return searchSpaceFromStrategy(definition as never);
  } catch (error) {
    throw new UsageError(
      `${file}: its params cannot be searched: ${(error as Error).message}`,
      "give each parameter bounds in zod, e.g. z.number().int().min(5).max(50)",
    );
  }
}

/** The jobs' fixed part from the settings. A null statistic (no trades) scores worst, not fatally. */
export function jobTemplate(
  studyId: string,
  file: string,
  settings: StudySettings,
): Omit<TrialJobTemplate, "frame"> & { frame: { interval: string } } {
  return {
    studyId,
    strategyModule: resolve(file),
    symbols: settings.symbols,
    candles: { kind: "csv", dir: settings.dir },
    frame: { interval: settings.tick },
    objective: {
      statistic: settings.statistic,
      aggregate: settings.aggregate,
      unavailable: settings.direction === "maximize" ? -1e9 : 1e9,
    },
    metrics: ["tradeCount", "totalPnl", "winRate", "maxDrawdown", "sharpeRatio"],
  };
}

/** The settings as report lines. */
export function settingsLines(file: string, settings: StudySettings): string[] {
  return [
    `strategy: ${file}`,
    `symbols: ${settings.symbols.join(", ")} (${settings.aggregate} over symbols), candles ${settings.dir}`,
    `window: ${settings.from.toISOString()} → ${settings.to.toISOString()}, tick ${settings.tick}`,
    `objective: ${settings.direction} ${settings.statistic}${settings.constraints.map((c) => `; constraint ${c.name}`).join("")}`,
    `sampler: ${settings.samplerName}, ${settings.trials} trials, seed ${settings.seed}, ${settings.parallelism} at a time`,
  ];
}
