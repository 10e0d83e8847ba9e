import { backtestCandleRange, backtestHorizon } from "../backtest/run-backtest.js";
import { type CandlewickConfig, DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { FrameSchema } from "../spec/frame.js";

/**
 * The 1m candles `[from, to)` a backtest over `frame` loads first on an engine configured with `config` (the
 * default config when absent): the day of warm-up before the frame's first tick up to its horizon. A pool's
 * caller loads exactly this range with `loadSharedCandles`, so its workers' backtests load nothing and their
 * data ends where an in-process backtest's does (a trade still open at the end closes on the same candle).
 * @throws InvalidArgumentError for a frame without ticks or a bad config key.
 */
export function backtestCandleSpan(
  frame: FrameSchema,
  config?: Partial<CandlewickConfig>,
): { from: number; to: number } {
  const resolved = resolveConfig(DEFAULT_CONFIG, config ?? {}, "backtestCandleSpan config");
  const horizon = backtestHorizon({ config: resolved }, frame);
  return backtestCandleRange({ config: resolved, horizon: () => horizon }, frame);
}
