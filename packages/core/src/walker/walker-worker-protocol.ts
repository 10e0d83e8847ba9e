import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { SignalEvent } from "../spec/tick-result.js";
import type { SerializedError } from "./serialized-error.js";
import type { StrategyOutcome } from "./strategy-outcome.js";

/** What a walker worker thread is started with (`workerData`). */
export interface WalkerWorkerData {
  readonly walkerName: string;
  /** `file:` URL of the module that registers the exchange, frame and strategies. */
  readonly setupModule: string;
  readonly exchangeName: string;
  readonly frameName: string;
  readonly strategies: readonly string[];
  readonly config: CandlewickConfig;
  /** Forward performance events (only when the calling thread listens: they cost time to produce). */
  readonly forwardPerformance: boolean;
  readonly boot: { readonly tsxApi: string | null; readonly entry: string };
}

/** Calling thread → worker: backtest one strategy. */
export interface WalkerTask {
  readonly type: "run";
  readonly index: number;
  readonly strategyName: string;
  readonly symbol: string;
}

/** An engine event of the worker, replayed on the calling thread's streams. */
export type ForwardedEvent =
  | { readonly stream: "signal"; readonly event: SignalEvent }
  | { readonly stream: "progress"; readonly event: ProgressEvent }
  | { readonly stream: "performance"; readonly event: PerformanceEvent }
  | { readonly stream: "done"; readonly event: Omit<DoneEvent, "error">; readonly error?: SerializedError }
  | { readonly stream: "error"; readonly error: SerializedError };

/** Worker → calling thread. Messages of one worker arrive in the order they were posted. */
export type WalkerWorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "setup-failed"; readonly error: SerializedError }
  | { readonly type: "events"; readonly events: readonly ForwardedEvent[] }
  | { readonly type: "result"; readonly outcome: StrategyOutcome }
  | {
      readonly type: "failed";
      readonly index: number;
      readonly strategyName: string;
      readonly error: SerializedError;
    };
