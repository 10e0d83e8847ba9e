import { fileURLToPath } from "node:url";
import type { TrialJob } from "@candlewick/research";

/** Real Binance spot 1m candles shipped with the repository (data/candles/README.md). */
export const CANDLE_DIR = fileURLToPath(
  new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url),
);
/** The SMA cross of examples/research-basics, with its zod bounds as the search space. */
export const SMA_CROSS_MODULE = fileURLToPath(new URL("./__fixtures__/sma-cross.ts", import.meta.url));
/** The runner module the worker processes load (`candlewick worker --runner`). */
export const BACKTEST_RUNNER_MODULE = fileURLToPath(new URL("./backtest-trial-runner.ts", import.meta.url));

const DAY_MS = 86_400_000;

/** A trial of the SMA cross on BTCUSDT over `days` days from 2026-03-25 (15m strategy, 1m ticks). */
export function smaCrossJob(
  studyId: string,
  trialNumber: number,
  params: Readonly<Record<string, unknown>>,
  days = 2,
): TrialJob {
  const startMs = Date.parse("2026-03-25T00:00:00Z");
  return {
    studyId,
    trialNumber,
    strategyModule: SMA_CROSS_MODULE,
    exportName: "smaCross",
    params,
    symbols: ["BTCUSDT"],
    candles: { kind: "csv", dir: CANDLE_DIR },
    frame: { interval: "1m", startMs, endMs: startMs + days * DAY_MS },
    objective: { statistic: "totalPnl", aggregate: "mean" },
    metrics: ["tradeCount"],
  };
}
