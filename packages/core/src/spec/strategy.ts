import type { CandleInterval } from "./interval.js";
import type { SignalDto, SignalRow } from "./signal.js";
import type { Sizing } from "./sizing.js";
import type { CancelledResult, ClosedResult } from "./tick-result.js";

/** Optional hooks a strategy gets for its own signals. They run in the execution context; errors go to `listenError`. */
export interface StrategyCallbacks {
  onSchedule?(
    symbol: string,
    signal: SignalRow,
    currentPrice: number,
    backtest: boolean,
  ): void | Promise<void>;
  onOpen?(symbol: string, signal: SignalRow, currentPrice: number, backtest: boolean): void | Promise<void>;
  onClose?(symbol: string, result: ClosedResult, backtest: boolean): void | Promise<void>;
  onCancel?(symbol: string, result: CancelledResult, backtest: boolean): void | Promise<void>;
}

/** A strategy registered with `addStrategy`. One object serves every symbol; state lives per (strategy, symbol). */
export interface StrategySchema {
  readonly strategyName: string;
  /**
   * `getSignal` runs at each boundary of this interval (aligned to the UTC epoch) while nothing is open or
   * scheduled; a boundary that passes while a signal is open is skipped.
   */
  readonly interval: CandleInterval;
  /**
   * Asked for a new signal while nothing is open or scheduled for `symbol`. Call `getCandles(symbol, interval,
   * limit)` and `getAveragePrice(symbol)` inside it: the time comes from the execution context.
   * Return `null` for no trade. A thrown error is reported on `listenError` and counts as `null`.
   */
  getSignal(symbol: string, when: Date): SignalDto | null | undefined | Promise<SignalDto | null | undefined>;
  /**
   * Called once per strategy interval (at each boundary) while a signal is open or scheduled, after the fills
   * of the candles closed by then; this is where `commitPartialProfit`, `commitTrailingStop`, `commitAverageBuy`,
   * `commitClosePending` and the other commands act. Strategies without it are fast-forwarded from entry to exit.
   */
  onOpenInterval?(symbol: string, when: Date, signal: SignalRow): void | Promise<void>;
  /** How large a position is when the signal gives no `cost` or `quantity`. Default: the run's `sizing`. */
  readonly sizing?: Sizing;
  /** The risk (registered with `addRisk`) every new signal and DCA add is checked against. */
  readonly riskName?: string;
  /** Several risks; a signal must pass every one. */
  readonly riskList?: readonly string[];
  readonly callbacks?: StrategyCallbacks;
  readonly note?: string;
}
