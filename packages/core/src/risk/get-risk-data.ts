import type { RiskData, RiskTally } from "../spec/reports/risk-data.js";
import type { RiskRejection } from "../spec/risk.js";
import type { RiskLog } from "./risk-log.js";

/**
 * The rejections of one risk (or every risk) on one symbol (or every symbol), with counts per risk, rule, symbol
 * and strategy, and backtest and live apart. A risk that never rejected anything gets zero counts, not an error.
 */
export function getRiskData(log: RiskLog, riskName?: string, symbol?: string): RiskData {
  const rejections = log.rows(riskName, symbol).map((row) => log.at(row));
  let backtestRejections = 0;
  for (const rejection of rejections) if (rejection.backtest) backtestRejections++;
  return {
    riskName: riskName ?? null,
    symbol: symbol ?? null,
    totalRejections: rejections.length,
    backtestRejections,
    liveRejections: rejections.length - backtestRejections,
    byRisk: tally(rejections, (rejection) => rejection.riskName),
    byRule: tally(rejections, (rejection) => rejection.rule),
    bySymbol: tally(rejections, (rejection) => rejection.candidate.symbol),
    byStrategy: tally(rejections, (rejection) => rejection.candidate.strategyName),
    rejections,
  };
}

/** Counts per key, most first, ties by name (code-point order, so the order does not depend on the locale). */
function tally(
  rejections: readonly RiskRejection[],
  keyOf: (rejection: RiskRejection) => string,
): RiskTally[] {
  const counts = new Map<string, number>();
  for (const rejection of rejections) {
    const key = keyOf(rejection);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
