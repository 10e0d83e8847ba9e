import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import type { WalkerData } from "../spec/reports/walker-data.js";
import type { WalkerMetric } from "../statistics/walker-metric.js";

/**
 * Optional hooks of a walker. They run in the calling thread (also when the backtests run on worker threads),
 * one at a time; a throwing or rejecting hook is reported on `listenError` and the walker goes on.
 */
export interface WalkerCallbacks {
  /** A strategy's backtest is about to start (in parallel mode: it was handed to a worker). */
  onStrategyStart?(strategyName: string, symbol: string): void | Promise<void>;
  /** A strategy's backtest finished; `metricValue` is `stats[metric]` (null when unavailable). */
  onStrategyComplete?(
    strategyName: string,
    symbol: string,
    stats: TradeStatistics,
    metricValue: number | null,
  ): void | Promise<void>;
  /** Every strategy was tested; `data` is what `Walker.getData(walkerName, symbol)` returns. */
  onComplete?(data: WalkerData): void | Promise<void>;
}

/** A strategy comparison registered with `addWalker`: the same symbol, exchange and frame for every strategy. */
export interface WalkerSchema {
  readonly walkerName: string;
  readonly exchangeName: string;
  readonly frameName: string;
  /** Registered strategy names to compare, in the order they are run (and the order ties are broken in). */
  readonly strategies: readonly string[];
  /** What the strategies are ranked by. Default `"sharpeRatio"`. `maxDrawdown` ranks the smallest first. */
  readonly metric?: WalkerMetric;
  readonly callbacks?: WalkerCallbacks;
  /**
   * A module that registers the walker's exchange, frame and strategies, e.g.
   * `new URL("./setup.ts", import.meta.url)`. Required for `Walker.run(symbol, { concurrency: 2 })`: functions
   * cannot cross threads, so each worker thread imports this module to get the same registrations: if it exports
   * `setup(engine)`, the worker calls it with a fresh engine of its own (use this for a walker on an engine made by
   * `createEngine`); otherwise its top-level `add*` calls register on the worker thread's default engine. It must
   * only register things (no top-level runs). A `.ts` module needs `tsx` installed. An absolute path or a `file:`
   * URL.
   */
  readonly setupModule?: string | URL;
  /** Config overrides applied to every backtest of this walker, on top of the engine's `setConfig`. */
  readonly config?: Partial<CandlewickConfig>;
  readonly note?: string;
}
