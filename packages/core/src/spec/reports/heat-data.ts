import type { TradeStatistics } from "./trade-statistics.js";

/** One symbol of a heat map: the statistics of the strategy's trades on it. */
export interface HeatRow extends TradeStatistics {
  readonly symbol: string;
}

/**
 * `Heat.getData`: a strategy's latest backtest on each symbol side by side, plus the portfolio: the same
 * statistics over all its trades on every symbol pooled (one sample, in close order; not a capital-weighted
 * portfolio). JSON-serialisable.
 */
export interface HeatData {
  readonly strategyName: string;
  readonly symbols: readonly string[];
  /** One row per symbol, best Sharpe ratio first (null last), ties by symbol. */
  readonly rows: readonly HeatRow[];
  readonly portfolio: TradeStatistics;
}
