import { getBacktestData } from "../backtest/get-backtest-data.js";
import { backtestJournal } from "../backtest/trade-journal.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { TradeStatistics } from "../statistics/trade-statistics.js";
import { compareMetric } from "../statistics/walker-metric.js";
import type { HeatData, HeatRow } from "./heat-data.js";

/**
 * The heat map of a strategy's backtests: statistics per symbol (exactly `Backtest.getData(strategy, symbol)`)
 * and over all symbols (exactly `Backtest.getData(strategy)`).
 * @throws CandlewickError `NO_BACKTEST_DATA` when the strategy was never backtested in this process.
 */
export function getHeatData(strategyName: string): HeatData {
  const symbols = backtestJournal.symbols(strategyName);
  if (symbols.length === 0) {
    throw new CandlewickError(
      "NO_BACKTEST_DATA",
      `[core] Heat.getData: strategy "${strategyName}" has not been backtested in this process`,
      { details: { strategyName } },
    );
  }
  const rows: HeatRow[] = symbols.map((symbol) => ({ symbol, ...statisticsOnly(strategyName, symbol) }));
  rows.sort(
    (a, b) => compareMetric("sharpeRatio", a.sharpeRatio, b.sharpeRatio) || (a.symbol < b.symbol ? -1 : 1),
  );
  return {
    strategyName,
    symbols: [...symbols].sort(),
    rows,
    portfolio: statisticsOnly(strategyName),
  };
}

function statisticsOnly(strategyName: string, symbol?: string): TradeStatistics {
  const {
    strategyName: _name,
    symbols: _symbols,
    signalList: _trades,
    ...stats
  } = getBacktestData(strategyName, symbol);
  return stats;
}
