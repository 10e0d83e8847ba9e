import { runCostsOf } from "../report/run-costs.js";
import { callWalkerHook } from "./call-walker-hook.js";
import { getWalkerData } from "./get-walker-data.js";
import { outcomeStatistics } from "./outcome-statistics.js";
import { bestOf, type RankCandidate } from "./rank-strategies.js";
import { runStrategiesInPool } from "./run-strategies-in-pool.js";
import { runStrategiesInProcess } from "./run-strategies-in-process.js";
import type { WalkerPlan } from "./walker-plan.js";
import type { WalkerProgress } from "./walker-progress.js";

/**
 * The walker loop: backtests every strategy of the plan (in this thread or on workers), records each result,
 * reports progress after each one (yield, `listenWalker`, `onStrategyComplete`) and, once all are tested,
 * completion (`listenWalkerComplete`, `onComplete`). Ends early, without completion, on `abort` or when the
 * consumer stops iterating.
 */
export async function* runWalker(
  plan: WalkerPlan,
  abort?: AbortSignal,
): AsyncGenerator<WalkerProgress, void, undefined> {
  const { engine, schema, symbol, metric } = plan;
  const events = engine.events;
  const { walkerName, callbacks } = schema;
  const run = engine.walkerStore.begin(walkerName, symbol, runCostsOf(plan.config));
  const tested: (RankCandidate & { strategyName: string })[] = [];
  const total = schema.strategies.length;
  const onStart = (strategyName: string) =>
    callWalkerHook(events, walkerName, "onStrategyStart", callbacks?.onStrategyStart, strategyName, symbol);
  const outcomes =
    plan.concurrency > 1
      ? runStrategiesInPool(plan, onStart, abort)
      : runStrategiesInProcess(plan, onStart, abort);
  for await (const outcome of outcomes) {
    const record = { trades: outcome.trades, periodStart: outcome.periodStart, periodEnd: outcome.periodEnd };
    run.results.set(outcome.strategyName, record);
    const stats = outcomeStatistics([record]);
    const metricValue = stats[metric];
    tested.push({ index: outcome.index, strategyName: outcome.strategyName, metricValue });
    const best = bestOf(metric, tested);
    const progress: WalkerProgress = {
      walkerName,
      symbol,
      metric,
      strategyName: outcome.strategyName,
      strategiesTested: tested.length,
      totalStrategies: total,
      progress: tested.length / total,
      bestStrategy: best?.strategyName ?? null,
      bestMetric: best?.metricValue ?? null,
      metricValue,
      stats,
    };
    await callWalkerHook(
      events,
      walkerName,
      "onStrategyComplete",
      callbacks?.onStrategyComplete,
      outcome.strategyName,
      symbol,
      stats,
      metricValue,
    );
    events.walkerProgress.next(progress);
    yield progress;
  }
  if (tested.length < total) return;
  const data = getWalkerData(engine, walkerName, symbol);
  await callWalkerHook(events, walkerName, "onComplete", callbacks?.onComplete, data);
  events.walkerComplete.next(data);
}
