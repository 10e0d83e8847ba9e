import type { EngineState } from "../engine/engine-state.js";
import type { PerformanceData } from "../spec/reports/performance-data.js";
import { getPerformanceData } from "./get-performance-data.js";
import { reportMethods } from "./report-methods.js";

/**
 * Timing of a strategy's backtests, signals and live ticks: count, mean, min, max and percentiles. Recording is
 * opt-in: call `Performance.enable()` before the runs to measure. `engine.Performance`.
 */
export interface PerformanceApi {
  /**
   * Starts recording performance events for this report (idempotent; it stays on). While it records, backtests
   * also time every tick they run (`backtest_timeframe`: the opening tick of a signal too, up to the signal's
   * acceptance; ticks skipped while a signal is open or until the strategy's next interval are not run), which
   * makes a fast strategy's backtest measurably slower, and a parallel walker forwards each of those events from
   * its worker threads.
   */
  enable(): void;
  /**
   * Summaries per kind of performance event of a strategy (all symbols, or one), since `enable()`.
   * @throws CandlewickError `PERFORMANCE_NOT_ENABLED` when `enable()` was never called.
   */
  getData(strategyName: string, symbol?: string): PerformanceData;
  /** The same data rendered by the engine's reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string;
  /** Writes the report (all symbols) to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/performance`. */
  dump(strategyName: string, dir?: string): Promise<string>;
}

/** The `Performance` facade of one engine. */
export function createPerformanceApi(engine: EngineState): PerformanceApi {
  return {
    enable() {
      engine.assertUsable("Performance.enable");
      engine.performance.recording = true;
    },
    ...reportMethods(
      engine,
      "Performance",
      (strategyName, symbol) => getPerformanceData(engine.performance, strategyName, symbol),
      (reporter, data) => reporter.renderPerformance(data),
      "performance",
    ),
  };
}
