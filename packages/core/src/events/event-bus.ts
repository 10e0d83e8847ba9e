import { Subject } from "rxjs";
import type { DoneEvent, PerformanceEvent, ProgressEvent } from "../spec/events.js";
import type { WalkerData } from "../spec/reports/walker-data.js";
import type { RiskRejection } from "../spec/risk.js";
import type { SignalEvent } from "../spec/tick-result.js";
import type { WalkerProgress } from "../walker/walker-progress.js";

/**
 * One engine's event streams. rxjs stays inside core: users subscribe with the `listen*` functions, which
 * return plain unsubscribe functions. The engine never awaits listeners, so a slow listener cannot stall a run.
 */
export class EventBus {
  readonly signal = new Subject<SignalEvent>();
  readonly signalBacktest = new Subject<SignalEvent>();
  readonly signalLive = new Subject<SignalEvent>();
  readonly doneBacktest = new Subject<DoneEvent>();
  readonly doneLive = new Subject<DoneEvent>();
  readonly progress = new Subject<ProgressEvent>();
  readonly performance = new Subject<PerformanceEvent>();
  readonly error = new Subject<Error>();
  /** After each strategy of a walker run. */
  readonly walkerProgress = new Subject<WalkerProgress>();
  /** A walker run tested every strategy. */
  readonly walkerComplete = new Subject<WalkerData>();
  /** A signal (or DCA add) a risk rejected. */
  readonly risk = new Subject<RiskRejection>();

  /** Routes a lifecycle event to the all-modes stream and to its mode's stream. */
  emitSignal(event: SignalEvent): void {
    this.signal.next(event);
    (event.backtest ? this.signalBacktest : this.signalLive).next(event);
  }

  /** Ends every stream: each subscription is released, and later events go nowhere. */
  complete(): void {
    for (const subject of [
      this.signal,
      this.signalBacktest,
      this.signalLive,
      this.doneBacktest,
      this.doneLive,
      this.progress,
      this.performance,
      this.error,
      this.walkerProgress,
      this.walkerComplete,
      this.risk,
    ] as Subject<unknown>[]) {
      subject.complete();
    }
  }
}
