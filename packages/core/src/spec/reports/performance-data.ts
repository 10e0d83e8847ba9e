import type { PerformanceMetric } from "../events.js";

/** The durations of one kind of performance event, in milliseconds. */
export interface PerformanceMetricSummary {
  readonly metricType: PerformanceMetric;
  /** Number of events. */
  readonly count: number;
  /** Sum of the durations. */
  readonly totalMs: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /**
   * Percentiles by linear interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC):
   * rank = p/100 × (n − 1). Computed over the latest `sampleSize` durations (every one up to 100,000 per
   * strategy, symbol and kind; count, total, mean, min and max always cover every event).
   */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** How many durations the percentiles were computed from. */
  readonly sampleSize: number;
}

/**
 * `Performance.getData`: how long a strategy's backtests, signals and live ticks took, since `Performance.enable()`.
 * Only kinds with at least one event are listed, in the order backtest_total, backtest_timeframe,
 * backtest_signal, live_tick. JSON-serialisable.
 */
export interface PerformanceData {
  readonly strategyName: string;
  readonly symbols: readonly string[];
  readonly metrics: readonly PerformanceMetricSummary[];
}
