import { CandlewickError } from "../errors/candlewick-error.js";
import type { PerformanceMetric } from "../spec/events.js";
import type { PerformanceData, PerformanceMetricSummary } from "../spec/reports/performance-data.js";
import { percentile } from "./percentile.js";
import type { DurationSeries, PerformanceRecorder } from "./performance-recorder.js";

const METRIC_ORDER: readonly PerformanceMetric[] = [
  "backtest_total",
  "backtest_timeframe",
  "backtest_signal",
  "live_tick",
];

/**
 * Count, total, mean, min, max and p50/p95/p99 of each kind of performance event of a strategy (all symbols,
 * or one) since `Performance.enable()`. A strategy without events gets an empty `metrics` list.
 * @throws CandlewickError `PERFORMANCE_NOT_ENABLED` when recording was never enabled.
 */
export function getPerformanceData(
  recorder: PerformanceRecorder,
  strategyName: string,
  symbol?: string,
): PerformanceData {
  if (!recorder.recording) {
    throw new CandlewickError(
      "PERFORMANCE_NOT_ENABLED",
      "[core] Performance: nothing is recorded until Performance.enable() is called; call it before the runs you want to measure",
      { details: { strategyName } },
    );
  }
  const bySymbol = recorder.read(strategyName, symbol);
  const metrics: PerformanceMetricSummary[] = [];
  for (const metricType of METRIC_ORDER) {
    const parts: DurationSeries[] = [];
    for (const byMetric of bySymbol.values()) {
      const series = byMetric.get(metricType);
      if (series !== undefined && series.count > 0) parts.push(series);
    }
    if (parts.length > 0) metrics.push(summarize(metricType, parts));
  }
  return { strategyName, symbols: [...bySymbol.keys()].sort(), metrics };
}

function summarize(
  metricType: PerformanceMetric,
  parts: readonly DurationSeries[],
): PerformanceMetricSummary {
  let count = 0;
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sampleSize = 0;
  for (const part of parts) {
    count += part.count;
    total += part.total;
    min = Math.min(min, part.min);
    max = Math.max(max, part.max);
    sampleSize += part.kept().length;
  }
  const sorted = new Float64Array(sampleSize);
  let offset = 0;
  for (const part of parts) {
    sorted.set(part.kept(), offset);
    offset += part.kept().length;
  }
  sorted.sort();
  return {
    metricType,
    count,
    totalMs: total,
    meanMs: total / count,
    minMs: min,
    maxMs: max,
    p50Ms: percentile(sorted, 50)!,
    p95Ms: percentile(sorted, 95)!,
    p99Ms: percentile(sorted, 99)!,
    sampleSize,
  };
}
