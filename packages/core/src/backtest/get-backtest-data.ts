import { CandlewickError } from "../errors/candlewick-error.js";
import type { BacktestData } from "../spec/reports/backtest-data.js";
import { computeStatistics } from "../statistics/compute-statistics.js";
import { tradeEquityCurve } from "../statistics/trade-equity-curve.js";
import type { TradeJournal } from "./trade-journal.js";

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
  // The tie-breaks are computeStatistics' close order, so walking signalList gives the curve it measured.
  const signalList = [...recorded.trades].sort(
    (a, b) =>
      a.closeTimestamp - b.closeTimestamp ||
      a.signal.pendingAt - b.signal.pendingAt ||
      compareText(a.symbol, b.symbol) ||
      compareText(String(a.signal.id), String(b.signal.id)),
  );
  const statistics = computeStatistics(signalList, {
    periodStart: recorded.periodStart,
    periodEnd: recorded.periodEnd,
  });
  return {
    strategyName,
    symbols: symbol === undefined ? journal.symbols(strategyName).sort() : [symbol],
    ...statistics,
    signalList,
    costs: recorded.costs,
    equityCurve: tradeEquityCurve(signalList, statistics.periodStart),
  };
}

/** Code-unit order, as computeStatistics breaks ties. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { BacktestData };
