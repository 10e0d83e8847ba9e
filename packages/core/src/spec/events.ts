/** Which run an event belongs to. */
export interface RunIdentity {
  /** Unique per run in this process (not stable across processes or repeated runs). */
  readonly runId: string;
  readonly symbol: string;
  readonly strategyName: string;
  readonly exchangeName: string;
  /** Empty string in live mode. */
  readonly frameName: string;
  readonly backtest: boolean;
}

/** A run ended: it went through its frame, or it was cancelled (`cancelled: true`), or it failed (`error`). */
export interface DoneEvent extends RunIdentity {
  readonly cancelled: boolean;
  /**
   * Set when the run ended on an error. `Backtest.run` / `Live.run` also throw it to their consumer; background
   * runs (which have no consumer) report it on `listenError`.
   */
  readonly error?: Error;
}

/** Backtest progress, reported about every 1% of the frame and at the end. */
export interface ProgressEvent extends RunIdentity {
  readonly totalFrames: number;
  readonly processedFrames: number;
  /** 0..1 */
  readonly progress: number;
}

/** What a performance event measures. */
export type PerformanceMetric = "backtest_total" | "backtest_timeframe" | "backtest_signal" | "live_tick";

/** A timing measurement. `backtest_timeframe` events are only produced while someone listens. */
export interface PerformanceEvent extends RunIdentity {
  readonly metricType: PerformanceMetric;
  /** Milliseconds. */
  readonly duration: number;
  /** Wall-clock time of the measurement (epoch ms). */
  readonly timestamp: number;
}
