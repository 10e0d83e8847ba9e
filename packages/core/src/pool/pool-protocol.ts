import type { MessagePort } from "node:worker_threads";
import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { SerializedError } from "../walker/serialized-error.js";
import type { ForwardedEvent, WalkerOutcomeMessage } from "../walker/walker-worker-protocol.js";
import type { SharedCandles } from "./shared-candles.js";

/** Backtest one strategy of a walker in a pool worker. */
export interface WalkerPoolTask {
  readonly kind: "walker";
  /** `file:` URL of the walker's setup module (imported once per worker, then its engine is reused). */
  readonly setupModule: string;
  readonly walkerName: string;
  readonly exchangeName: string;
  readonly frameName: string;
  readonly strategies: readonly string[];
  readonly config: CandlewickConfig;
  /**
   * Whether the calling thread wants timings (`measuresPerformance`): only then does the worker listen to its
   * performance stream, so its backtests time each tick.
   */
  readonly forwardPerformance: boolean;
  /**
   * Whether the calling thread listens to signal events (read when the task starts). Without listeners the
   * worker posts none: the schedule counters, the only other thing fed by them, come with the result.
   */
  readonly forwardSignals: boolean;
  /** Whether the calling thread listens to progress events (a backtest emits about a hundred). */
  readonly forwardProgress: boolean;
  readonly index: number;
  readonly strategyName: string;
  readonly symbol: string;
  readonly candles: readonly SharedCandles[];
  /** Where the worker posts the run's events and then its result (one port per task keeps them in order). */
  readonly port: MessagePort;
}

/** Run one job with the runner a module exports. */
export interface RunnerPoolTask {
  readonly kind: "runner";
  /** `file:` URL of the module exporting the runner. */
  readonly runnerModule: string;
  readonly exportName: string;
  readonly job: unknown;
  readonly candles: readonly SharedCandles[];
}

/** What a pool worker is asked to do. */
export type PoolTask = WalkerPoolTask | RunnerPoolTask;

/**
 * What a walker task posts on its port: events (with the worker's thread id, which makes its run ids unique
 * here), then exactly one of result, failed or setup-failed.
 */
export type WalkerTaskMessage =
  | { readonly type: "events"; readonly threadId: number; readonly events: readonly ForwardedEvent[] }
  | WalkerOutcomeMessage;

/** A runner task's answer (the pool's own reply): the runner's result, or its error as plain data. */
export type RunnerTaskReply =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: SerializedError };
