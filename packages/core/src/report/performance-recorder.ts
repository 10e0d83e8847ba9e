import type { PerformanceEvent, PerformanceMetric } from "../spec/events.js";

/** Durations kept per (strategy, symbol, kind) for percentiles; older ones are overwritten beyond it. */
export const PERFORMANCE_SAMPLE_LIMIT = 100_000;

/** The durations of one (strategy, symbol, kind). */
export class DurationSeries {
  count = 0;
  total = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private samples = new Float64Array(16);
  private size = 0;
  /** Next slot to overwrite once the ring is full. */
  private next = 0;

  constructor(private readonly limit = PERFORMANCE_SAMPLE_LIMIT) {}

  add(duration: number): void {
    this.count++;
    this.total += duration;
    if (duration < this.min) this.min = duration;
    if (duration > this.max) this.max = duration;
    if (this.size < this.limit) {
      if (this.size === this.samples.length) {
        const grown = new Float64Array(Math.min(this.limit, this.samples.length * 2));
        grown.set(this.samples);
        this.samples = grown;
      }
      this.samples[this.size++] = duration;
      return;
    }
    this.samples[this.next] = duration;
    this.next = (this.next + 1) % this.limit;
  }

  /** The kept durations (at most `limit`, the latest ones), in no particular order. */
  kept(): Float64Array {
    return this.samples.subarray(0, this.size);
  }
}

/**
 * One engine's performance events by strategy, symbol and kind, recorded by the runs that produce them once
 * `Performance.enable()` turned it on: opt-in, because while anyone listens to that stream backtests also time
 * every tick (`backtest_timeframe`) and the walker forwards each such event from its worker threads.
 */
export class PerformanceRecorder {
  /** Whether `Performance.enable()` turned it on. */
  recording = false;
  private readonly series = new Map<string, Map<string, Map<PerformanceMetric, DurationSeries>>>();

  record(event: PerformanceEvent): void {
    if (!Number.isFinite(event.duration)) return;
    let bySymbol = this.series.get(event.strategyName);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.series.set(event.strategyName, bySymbol);
    }
    let byMetric = bySymbol.get(event.symbol);
    if (byMetric === undefined) {
      byMetric = new Map();
      bySymbol.set(event.symbol, byMetric);
    }
    let series = byMetric.get(event.metricType);
    if (series === undefined) {
      series = new DurationSeries();
      byMetric.set(event.metricType, series);
    }
    series.add(event.duration);
  }

  /** The series of a strategy (every symbol, or one), by symbol. */
  read(strategyName: string, symbol?: string): Map<string, Map<PerformanceMetric, DurationSeries>> {
    const bySymbol =
      this.series.get(strategyName) ?? new Map<string, Map<PerformanceMetric, DurationSeries>>();
    if (symbol === undefined) return new Map(bySymbol);
    const byMetric = bySymbol.get(symbol);
    return byMetric === undefined ? new Map() : new Map([[symbol, byMetric]]);
  }
}
