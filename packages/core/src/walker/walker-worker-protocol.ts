import type { ScheduleCounters } from "../report/schedule-tracker.js";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { SignalEvent } from "../spec/tick-result.js";
import type { SerializedError } from "./serialized-error.js";
import type { StrategyOutcome } from "./strategy-outcome.js";

/** An engine event of a pool worker's backtest, replayed on the calling thread's streams. */
export type ForwardedEvent =
  | { readonly stream: "signal"; readonly event: SignalEvent }
  | { readonly stream: "progress"; readonly event: ProgressEvent }
  | { readonly stream: "performance"; readonly event: PerformanceEvent }
  | { readonly stream: "done"; readonly event: Omit<DoneEvent, "error">; readonly error?: SerializedError }
  | { readonly stream: "error"; readonly error: SerializedError };

/** How a walker backtest on a pool worker ends (the last message on its task's port). */
export type WalkerOutcomeMessage =
  | { readonly type: "setup-failed"; readonly error: SerializedError }
  | {
      readonly type: "result";
      readonly outcome: StrategyOutcome;
      /** The worker's schedule counters of this backtest (none when it scheduled nothing). */
      readonly schedule: ScheduleCounters | undefined;
      /** Wall time of the backtest in the worker (ms; not the setup import or candle adoption): its cost. */
      readonly backtestMs: number;
    }
  | {
      readonly type: "failed";
      readonly index: number;
      readonly strategyName: string;
      readonly error: SerializedError;
    };
