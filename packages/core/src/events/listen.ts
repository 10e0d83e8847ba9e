import { filter, type Observable, take } from "rxjs";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { WalkerData } from "../spec/reports/walker-data.js";
import type { RiskRejection } from "../spec/risk.js";
import type { SignalEvent } from "../spec/tick-result.js";
import type { WalkerProgress } from "../walker/walker-progress.js";
import type { EventBus } from "./event-bus.js";
import { subscribeQueued } from "./queued-listener.js";

/**
 * The `listen*` functions of one engine. Each returns an unsubscribe function; a listener's calls never overlap
 * (one that returns a promise delays its next event until it settles), and a throwing listener is reported on
 * `listenError` while the run goes on.
 */
export interface Listeners {
  /** Every signal lifecycle event (scheduled, opened, closed, cancelled) of every run. */
  listenSignal(listener: (event: SignalEvent) => unknown): () => void;
  /** Signal lifecycle events of backtest (and walker) runs only. */
  listenSignalBacktest(listener: (event: SignalEvent) => unknown): () => void;
  /** Signal lifecycle events of live runs only. */
  listenSignalLive(listener: (event: SignalEvent) => unknown): () => void;
  /** The first signal event matching `predicate`, then unsubscribes itself. */
  listenSignalOnce(
    predicate: (event: SignalEvent) => boolean,
    listener: (event: SignalEvent) => unknown,
  ): () => void;
  /** A backtest run ended (completed, cancelled or failed). */
  listenDoneBacktest(listener: (event: DoneEvent) => unknown): () => void;
  /** A live run ended. */
  listenDoneLive(listener: (event: DoneEvent) => unknown): () => void;
  /** Backtest progress, about every 1% of each run's frame. */
  listenProgress(listener: (event: ProgressEvent) => unknown): () => void;
  /** Timing measurements of runs, signals and ticks. */
  listenPerformance(listener: (event: PerformanceEvent) => unknown): () => void;
  /**
   * Recoverable errors: a throwing `getSignal`, a rejected signal, a failing listener, an exchange error in a
   * live tick. The run that produced them goes on. (A fatal error also ends its run and rejects `Backtest.run`.)
   */
  listenError(listener: (error: Error) => unknown): () => void;
  /** Walker progress after each tested strategy. */
  listenWalker(listener: (event: WalkerProgress) => unknown): () => void;
  /** A walker run finished testing every strategy; receives the same data as `Walker.getData(walkerName, symbol)`. */
  listenWalkerComplete(listener: (event: WalkerData) => unknown): () => void;
  /**
   * A signal or DCA add that a risk rejected (see `addRisk`), with the risk, the rule and the reason. The run goes
   * on without it; `Risk.getData` keeps every rejection.
   */
  listenRisk(listener: (event: RiskRejection) => unknown): () => void;
  /** The first risk rejection matching `predicate`, then unsubscribes itself. */
  listenRiskOnce(
    predicate: (event: RiskRejection) => boolean,
    listener: (event: RiskRejection) => unknown,
  ): () => void;
}

/** The listeners of the engine whose streams are `events`. */
export function createListeners(events: EventBus, assertUsable: (component: string) => void): Listeners {
  const errors = events.error;
  const on =
    <T>(name: string, source: Observable<T>) =>
    (listener: (event: T) => unknown): (() => void) => {
      assertUsable(name);
      return subscribeQueued(source, listener, { name, errors });
    };
  return {
    listenSignal: on("listenSignal", events.signal),
    listenSignalBacktest: on("listenSignalBacktest", events.signalBacktest),
    listenSignalLive: on("listenSignalLive", events.signalLive),
    listenSignalOnce(predicate, listener) {
      assertUsable("listenSignalOnce");
      return subscribeQueued(events.signal.pipe(filter(predicate), take(1)), listener, {
        name: "listenSignalOnce",
        errors,
      });
    },
    listenDoneBacktest: on("listenDoneBacktest", events.doneBacktest),
    listenDoneLive: on("listenDoneLive", events.doneLive),
    listenProgress: on("listenProgress", events.progress),
    listenPerformance: on("listenPerformance", events.performance),
    listenError(listener) {
      assertUsable("listenError");
      return subscribeQueued(errors, listener, { name: "listenError", reportsErrors: true, errors });
    },
    listenWalker: on("listenWalker", events.walkerProgress),
    listenWalkerComplete: on("listenWalkerComplete", events.walkerComplete),
    listenRisk: on("listenRisk", events.risk),
    listenRiskOnce(predicate, listener) {
      assertUsable("listenRiskOnce");
      return subscribeQueued(events.risk.pipe(filter(predicate), take(1)), listener, {
        name: "listenRiskOnce",
        errors,
      });
    },
  };
}
