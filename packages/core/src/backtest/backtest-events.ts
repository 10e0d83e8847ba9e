import type { RunContext } from "../kernel/run-context.js";
import type { PerformanceEvent, PerformanceMetric, ProgressEvent } from "../spec/events.js";

// Each event is one literal, field by field, not `{ ...identity, metricType, ... }`: V8 gives every object made by
// a spread followed by new keys a hidden class of its own, so each event would allocate a map and leave every
// listener megamorphic. The key order is the spread's.

/** A backtest's timing measurement, stamped now. */
export function backtestPerformance(
  run: RunContext,
  metricType: PerformanceMetric,
  duration: number,
): PerformanceEvent {
  return {
    runId: run.runId,
    symbol: run.symbol,
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
    backtest: true,
    metricType,
    duration,
    timestamp: Date.now(),
  };
}

/** A backtest's progress after `processedFrames` of `totalFrames` ticks. */
export function backtestProgress(
  run: RunContext,
  totalFrames: number,
  processedFrames: number,
): ProgressEvent {
  return {
    runId: run.runId,
    symbol: run.symbol,
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
    backtest: true,
    totalFrames,
    processedFrames,
    progress: processedFrames / totalFrames,
  };
}
