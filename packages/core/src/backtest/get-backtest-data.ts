import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunCosts } from "../report/run-costs.js";
import type { ClosedResult } from "../spec/tick-result.js";
import { computeStatistics } from "../statistics/compute-statistics.js";
import type { TradeStatistics } from "../statistics/trade-statistics.js";
import type { TradeJournal } from "./trade-journal.js";

/** `Backtest.getData`: the statistics of a strategy's trades, plus the trades themselves. JSON-serialisable. */
export interface BacktestData extends TradeStatistics {
  readonly strategyName: string;
  /** The symbols the statistics cover. */
  readonly symbols: readonly string[];
  /** Every closed trade, in close order. */
  readonly signalList: readonly ClosedResult[];
  /**
   * The fees, slippage and fill model the PnL was computed with: one entry, or one per distinct setting when the
   * pooled symbols ran with different ones.
   */
  readonly costs: readonly RunCosts[];
}

/** Statistics over every closed trade the journal holds for a strategy (and optionally one symbol). */
export function getBacktestData(journal: TradeJournal, strategyName: string, symbol?: string): BacktestData {
  const recorded = journal.read(strategyName, symbol);
  if (recorded === null) {
    const ran = journal.symbols(strategyName);
    throw new CandlewickError(
      "NO_BACKTEST_DATA",
      symbol === undefined || ran.length === 0
        ? `[core] Backtest.getData: strategy "${strategyName}" has not been backtested on this engine`
        : `[core] Backtest.getData: strategy "${strategyName}" has no backtest on ${symbol}; it ran on ${ran.join(", ")}`,
      { details: { strategyName, symbol } },
    );
  }
  const signalList = [...recorded.trades].sort(
    (a, b) => a.closeTimestamp - b.closeTimestamp || a.signal.pendingAt - b.signal.pendingAt,
  );
  return {
    strategyName,
    symbols: symbol === undefined ? journal.symbols(strategyName).sort() : [symbol],
    ...computeStatistics(signalList, { periodStart: recorded.periodStart, periodEnd: recorded.periodEnd }),
    signalList,
    costs: recorded.costs,
  };
}
