import { getBacktestData } from "../backtest/get-backtest-data.js";
import type { TradeJournal } from "../backtest/trade-journal.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { HeatData, HeatRow } from "../spec/reports/heat-data.js";
import type { TradeStatistics } from "../spec/reports/trade-statistics.js";
import { compareMetric } from "../statistics/walker-metric.js";

/**
 * The heat map of a strategy's backtests: statistics per symbol (exactly `Backtest.getData(strategy, symbol)`)
 * and over all symbols (exactly `Backtest.getData(strategy)`).
 * @throws CandlewickError `NO_BACKTEST_DATA` when the strategy was never backtested on this engine.
 */
export function getHeatData(journal: TradeJournal, strategyName: string): HeatData {
  const symbols = journal.symbols(strategyName);
  if (symbols.length === 0) {
    throw new CandlewickError(
      "NO_BACKTEST_DATA",
      `[core] Heat.getData: strategy "${strategyName}" has not been backtested on this engine`,
      { details: { strategyName } },
    );
  }
  const rows: HeatRow[] = symbols.map((symbol) => ({
    symbol,
    ...statisticsOnly(journal, strategyName, symbol),
  }));
  rows.sort(
    (a, b) => compareMetric("sharpeRatio", a.sharpeRatio, b.sharpeRatio) || (a.symbol < b.symbol ? -1 : 1),
  );
  return {
    strategyName,
    symbols: [...symbols].sort(),
    rows,
    portfolio: statisticsOnly(journal, strategyName),
  };
}

function statisticsOnly(journal: TradeJournal, strategyName: string, symbol?: string): TradeStatistics {
  const {
    strategyName: _name,
    symbols: _symbols,
    signalList: _trades,
    equityCurve: _curve,
    ...stats
  } = getBacktestData(journal, strategyName, symbol);
  return stats;
}
