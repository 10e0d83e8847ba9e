import type { EngineState } from "../engine/engine-state.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { distinctRunCosts } from "../report/run-costs.js";
import type { WalkerData } from "../spec/reports/walker-data.js";
import { DEFAULT_WALKER_METRIC, WALKER_METRICS } from "../statistics/walker-metric.js";
import { outcomeStatistics, type TradeRecord } from "./outcome-statistics.js";
import { rankStrategies } from "./rank-strategies.js";

/**
 * Every tested strategy of a walker with its statistics, best first. With `symbol`, the statistics of that
 * symbol's latest run; without, each strategy's trades on every symbol the walker ran on, pooled.
 * @throws UnknownNameError for an unregistered walker; CandlewickError `NO_WALKER_DATA` when it never ran (there).
 */
export function getWalkerData(engine: EngineState, walkerName: string, symbol?: string): WalkerData {
  const schema = engine.walkers.get(walkerName);
  const runs = engine.walkerStore.runs(walkerName, symbol);
  if (runs.size === 0) {
    const ran = [...engine.walkerStore.runs(walkerName).keys()];
    throw new CandlewickError(
      "NO_WALKER_DATA",
      symbol === undefined || ran.length === 0
        ? `[core] Walker.getData: walker "${walkerName}" has not run on this engine`
        : `[core] Walker.getData: walker "${walkerName}" has not run on ${symbol}; it ran on ${ran.join(", ")}`,
      { details: { walkerName, symbol } },
    );
  }
  const metric = schema.metric ?? DEFAULT_WALKER_METRIC;
  const tested = schema.strategies.flatMap((strategyName, index) => {
    const records: TradeRecord[] = [];
    for (const run of runs.values()) {
      const record = run.results.get(strategyName);
      if (record !== undefined) records.push(record);
    }
    if (records.length === 0) return [];
    const stats = outcomeStatistics(records);
    return [{ index, strategyName, metricValue: stats[metric], stats }];
  });
  const ranked = rankStrategies(metric, tested);
  const best = ranked[0]?.metricValue === null ? undefined : ranked[0];
  return {
    walkerName,
    symbols: [...runs.keys()],
    exchangeName: schema.exchangeName,
    frameName: schema.frameName,
    metric,
    metricLabel: WALKER_METRICS[metric].label,
    metricDirection: WALKER_METRICS[metric].direction,
    totalStrategies: schema.strategies.length,
    strategiesTested: ranked.length,
    bestStrategy: best?.strategyName ?? null,
    bestMetric: best?.metricValue ?? null,
    costs: distinctRunCosts([...runs.values()].map((run) => run.costs)),
    strategies: ranked.map(({ strategyName, metricValue, stats }, position) => ({
      rank: position + 1,
      strategyName,
      metricValue,
      stats,
    })),
  };
}
