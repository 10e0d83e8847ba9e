import type { SymbolTrades } from "../backtest/trade-journal.js";
import { MINUTE_MS } from "../kernel/fill/scan-types.js";
import type { RunContext } from "../kernel/run-context.js";
import type { SignalRunner } from "../kernel/signal-runner.js";

/**
 * One (strategy, symbol) of a portfolio backtest: its run, the runner driving its signals on the shared account,
 * and where the portfolio clock is with it. The tick bookkeeping is the single-symbol backtest's, so a lane asks
 * its strategy at exactly the ticks its own backtest would.
 */
export interface PortfolioLane {
  readonly run: RunContext;
  readonly runner: SignalRunner;
  /** The lane's record in the engine's trade journal (`Backtest.getData(strategyName, symbol)`). */
  readonly journal: SymbolTrades;
  /** Position in the fill order: symbols in the run's order, then strategies. */
  readonly fillRank: number;
  /** Frame tick the lane is next due at while idle (`totalFrames` once it has nothing left to ask). */
  index: number;
  /** Frame tick of the ask that opened or scheduled the current signal. */
  openedIndex: number;
  /** Last instant the lane's position was advanced to. */
  seenUntil: number;
  /** Close time of the last 1m candle loaded for the symbol: after it, a position is decided on the data's end. */
  dataEnd: number;
}

/** True when the 1m candle that closes at `when` exists in the lane's data (a strategy is only asked then). */
export function hasCandleClosingAt(lane: PortfolioLane, when: number): boolean {
  const store = lane.run.minuteFeed.store;
  const closedEnd = store.lowerBound(when - MINUTE_MS + 1);
  return closedEnd > 0 && store.timestamp[closedEnd - 1] === when - MINUTE_MS;
}
