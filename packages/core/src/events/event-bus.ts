import { Subject } from "rxjs";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { SignalEvent } from "../spec/tick-result.js";

/**
 * The engine's event streams. rxjs stays inside core: users subscribe with the `listen*` functions, which
 * return plain unsubscribe functions. The engine never awaits listeners, so a slow listener cannot stall a run.
 */
export const eventBus = {
  signal: new Subject<SignalEvent>(),
  signalBacktest: new Subject<SignalEvent>(),
  signalLive: new Subject<SignalEvent>(),
  doneBacktest: new Subject<DoneEvent>(),
  doneLive: new Subject<DoneEvent>(),
  progress: new Subject<ProgressEvent>(),
  performance: new Subject<PerformanceEvent>(),
  error: new Subject<Error>(),
};

/** Routes a lifecycle event to the global stream and to its mode's stream. */
export function emitSignal(event: SignalEvent): void {
  eventBus.signal.next(event);
  (event.backtest ? eventBus.signalBacktest : eventBus.signalLive).next(event);
}
