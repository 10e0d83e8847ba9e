import { CandlewickError } from "../errors/candlewick-error.js";
import type { EquitySample } from "../spec/reports/capital-statistics.js";
import type { PortfolioData } from "../spec/reports/portfolio-data.js";
import { computeCapitalStatistics } from "../statistics/capital/compute-capital-statistics.js";
import { drawdownSeries } from "../statistics/capital/drawdown-series.js";
import { tradeBreakdown } from "../statistics/capital/trade-breakdown.js";
import type { PortfolioJournal, PortfolioRecord } from "./portfolio-record.js";

/** `Portfolio.getData`: the latest portfolio backtest recorded under `portfolioName`. */
export function getPortfolioData(journal: PortfolioJournal, portfolioName: string): PortfolioData {
  const record = journal.read(portfolioName);
  if (record === undefined) {
    const names = journal.names();
    throw new CandlewickError(
      "NO_PORTFOLIO_DATA",
      `[core] Portfolio.getData: no portfolio backtest named ${JSON.stringify(portfolioName)} ran on this engine${names.length === 0 ? "" : `; these did: ${names.map((name) => JSON.stringify(name)).join(", ")}`}`,
      { details: { portfolioName } },
    );
  }
  return portfolioData(record);
}

/** Computes a record's report data; pure in the record. */
export function portfolioData(record: PortfolioRecord): PortfolioData {
  const { info, account } = record;
  const samples = equitySamples(record);
  const lastSample = record.timestamps.at(-1) ?? info.periodStart;
  const periodEnd = Math.max(info.periodEnd, lastSample);
  const statistics = computeCapitalStatistics(samples, {
    initialCapital: account.initialCapital,
    periodStart: info.periodStart,
    periodEnd,
  });
  const drawdown = drawdownSeries(samples, account.initialCapital);
  let netPnl = 0;
  for (const trade of record.trades) netPnl += trade.pnl.pnlCost;
  return {
    portfolioName: info.portfolioName,
    exchangeName: info.exchangeName,
    frameName: info.frameName,
    symbols: info.symbols,
    strategies: info.strategies,
    periodStart: info.periodStart,
    periodEnd,
    statistics,
    ledger: {
      initialCapital: account.initialCapital,
      finalCash: account.cash,
      realizedGross: account.realizedGross,
      fees: account.fees,
      netPnl,
    },
    equity: {
      timestamps: record.timestamps.slice(),
      equity: record.equity.slice(),
      cash: record.cash.slice(),
      exposure: record.exposure.slice(),
      openPositions: record.openPositions.slice(),
      drawdownPercent: Array.from(drawdown.drawdownPercent),
    },
    breakdown: tradeBreakdown(record.trades),
    rejectedEntries: account.rejectedEntries,
    signalList: record.trades.slice(),
    costs: info.costs,
  };
}

function equitySamples(record: PortfolioRecord): EquitySample[] {
  const samples = new Array<EquitySample>(record.timestamps.length);
  for (let i = 0; i < samples.length; i++) {
    samples[i] = {
      timestamp: record.timestamps[i]!,
      equity: record.equity[i]!,
      cash: record.cash[i]!,
      exposure: record.exposure[i]!,
      openPositions: record.openPositions[i]!,
    };
  }
  return samples;
}
