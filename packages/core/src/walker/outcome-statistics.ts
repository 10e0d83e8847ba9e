import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import type { ClosedResult } from "../spec/tick-result.js";
import { computeStatistics } from "../statistics/compute-statistics.js";

/** Trades and the period they were tested over, of one strategy on one or more symbols. */
export interface TradeRecord {
  readonly trades: readonly ClosedResult[];
  readonly periodStart: number;
  readonly periodEnd: number;
}

/**
 * Statistics of one or more records pooled: all trades, over the union of the periods. The same computation as
 * `Backtest.getData` (trades in close order, the journal's period), so a walker's figures match it exactly.
 */
export function outcomeStatistics(records: readonly TradeRecord[]): TradeStatistics {
  const trades = records
    .flatMap((record) => record.trades)
    .sort((a, b) => a.closeTimestamp - b.closeTimestamp || a.signal.pendingAt - b.signal.pendingAt);
  return computeStatistics(trades, {
    periodStart: Math.min(...records.map((record) => record.periodStart)),
    periodEnd: Math.max(...records.map((record) => record.periodEnd)),
  });
}
