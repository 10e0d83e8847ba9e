import { filter, take } from "rxjs";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { SignalEvent } from "../spec/tick-result.js";
import { eventBus } from "./event-bus.js";
import { subscribeQueued } from "./queued-listener.js";

/** Every signal lifecycle event (scheduled, opened, closed, cancelled) of every run. Returns an unsubscribe function. */
export function listenSignal(listener: (event: SignalEvent) => unknown): () => void {
  return subscribeQueued(eventBus.signal, listener, { name: "listenSignal" });
}

/** Signal lifecycle events of backtest (and walker) runs only. */
export function listenSignalBacktest(listener: (event: SignalEvent) => unknown): () => void {
  return subscribeQueued(eventBus.signalBacktest, listener, { name: "listenSignalBacktest" });
}

/** Signal lifecycle events of live runs only. */
export function listenSignalLive(listener: (event: SignalEvent) => unknown): () => void {
  return subscribeQueued(eventBus.signalLive, listener, { name: "listenSignalLive" });
}

/** The first signal event matching `predicate`, then unsubscribes itself. */
export function listenSignalOnce(
  predicate: (event: SignalEvent) => boolean,
  listener: (event: SignalEvent) => unknown,
): () => void {
  return subscribeQueued(eventBus.signal.pipe(filter(predicate), take(1)), listener, {
    name: "listenSignalOnce",
  });
}

/** A backtest run ended (completed, cancelled or failed). */
export function listenDoneBacktest(listener: (event: DoneEvent) => unknown): () => void {
  return subscribeQueued(eventBus.doneBacktest, listener, { name: "listenDoneBacktest" });
}

/** A live run ended. */
export function listenDoneLive(listener: (event: DoneEvent) => unknown): () => void {
  return subscribeQueued(eventBus.doneLive, listener, { name: "listenDoneLive" });
}

/** Backtest progress, about every 1% of each run's frame. */
export function listenProgress(listener: (event: ProgressEvent) => unknown): () => void {
  return subscribeQueued(eventBus.progress, listener, { name: "listenProgress" });
}

/** Timing measurements of runs, signals and ticks. */
export function listenPerformance(listener: (event: PerformanceEvent) => unknown): () => void {
  return subscribeQueued(eventBus.performance, listener, { name: "listenPerformance" });
}

/**
 * Recoverable errors: a throwing `getSignal`, a rejected signal, a failing listener, an exchange error in a
 * live tick. The run that produced them goes on. (A fatal error also ends its run and rejects `Backtest.run`.)
 */
export function listenError(listener: (error: Error) => unknown): () => void {
  return subscribeQueued(eventBus.error, listener, { name: "listenError", reportsErrors: true });
}
