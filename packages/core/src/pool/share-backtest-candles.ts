import { type BacktestOptions, loadBacktestCandles } from "../backtest/backtest.js";
import { engineStateOf } from "../engine/create-engine.js";
import type { Engine } from "../engine/engine.js";
import { adoptSharedCandles, type SharedCandles, shareCandleFeed } from "./shared-candles.js";

/**
 * Loads into `engine` the 1m candles a `Backtest.run(symbol, options)` would load first (the day of warm-up
 * before the frame up to its horizon) and moves them into shared memory: the share then seeds other engines
 * ({@link seedSharedCandles}) or pool workers (`createTrialPool({ candles })`), which backtest the same frame
 * without loading or validating a candle again. Many short-lived engines of one process (an optimiser's
 * trials) so pay the load once, not once per engine.
 * @throws what the backtest's own load would: unknown names, exchange errors.
 */
export async function shareBacktestCandles(
  engine: Engine,
  symbol: string,
  options: BacktestOptions,
): Promise<SharedCandles> {
  const feed = await loadBacktestCandles(engineStateOf(engine), "shareBacktestCandles", symbol, options);
  return shareCandleFeed(feed);
}

/**
 * Makes `engine`'s feeds read shared candles: for each share whose `exchangeName` the engine has registered
 * (register the exchange first), its feed of that symbol and interval reads the shared memory, as if it had
 * loaded that range itself. What a pool runner's `context.seed(engine)` does, for engines of this thread.
 * @returns how many shares were adopted (a share the engine already adopted counts no more).
 */
export function seedSharedCandles(engine: Engine, candles: readonly SharedCandles[]): number {
  return adoptSharedCandles(engineStateOf(engine), candles);
}
