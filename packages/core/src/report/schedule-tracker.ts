import type { CancelReason } from "../spec/signal.js";
import type { SignalEvent } from "../spec/tick-result.js";

/** Running sums of one (strategy, mode, symbol). */
export interface ScheduleCounters {
  scheduled: number;
  activated: number;
  cancelled: number;
  /** Σ (pendingAt − scheduledAt) over activated signals, ms. */
  activationWaitMs: number;
  /** Σ (closeTimestamp − scheduledAt) over cancelled signals, ms. */
  cancellationWaitMs: number;
  cancelReasons: Record<CancelReason, number>;
  /** Ids of scheduled signals not yet activated or cancelled. */
  waiting: Set<string>;
}

type Mode = "backtest" | "live";

/**
 * Counts one engine's scheduled entries, per strategy, mode and symbol; every run records its own events as it
 * publishes them, and a backtest `reset`s its (strategy, symbol) when it starts. An `opened` event is an
 * activation when its signal id was scheduled before (a limit touched in its first minute opens with
 * `pendingAt === scheduledAt`), or when the signal waited (`pendingAt > scheduledAt`: a live run restarted
 * between the scheduling and the activation never saw the `scheduled` event). Market entries count nowhere.
 */
export class ScheduleTracker {
  private readonly counters = new Map<string, Map<Mode, Map<string, ScheduleCounters>>>();

  record(event: SignalEvent): void {
    if (event.action === "closed") return;
    const counters = this.countersOf(event.strategyName, event.backtest ? "backtest" : "live", event.symbol);
    const { signal } = event;
    switch (event.action) {
      case "scheduled":
        counters.scheduled++;
        counters.waiting.add(signal.id);
        return;
      case "opened":
        if (!counters.waiting.delete(signal.id) && !(signal.pendingAt > signal.scheduledAt)) return;
        counters.activated++;
        counters.activationWaitMs += signal.pendingAt - signal.scheduledAt;
        return;
      case "cancelled":
        counters.waiting.delete(signal.id);
        // A refused entry order is the venue's outcome, not the schedule's.
        if (event.cancelReason === "entry_rejected") return;
        counters.cancelled++;
        counters.cancellationWaitMs += event.closeTimestamp - signal.scheduledAt;
        counters.cancelReasons[event.cancelReason]++;
        return;
    }
  }

  /** Forgets a (strategy, mode, symbol): a new backtest of it starts. */
  reset(strategyName: string, mode: Mode, symbol: string): void {
    this.counters.get(strategyName)?.get(mode)?.delete(symbol);
  }

  /**
   * Takes over the counters another engine kept for a (strategy, mode, symbol): a walker's pool worker sends its
   * backtest's counters with the result, so this engine's report does not need every signal event replayed.
   */
  adopt(strategyName: string, mode: Mode, symbol: string, counters: ScheduleCounters): void {
    const own = this.countersOf(strategyName, mode, symbol);
    Object.assign(own, counters);
  }

  /** The counters of a strategy in one mode, by symbol (every symbol, or one). */
  read(strategyName: string, mode: Mode, symbol?: string): Map<string, ScheduleCounters> {
    const bySymbol = this.counters.get(strategyName)?.get(mode) ?? new Map<string, ScheduleCounters>();
    if (symbol === undefined) return new Map(bySymbol);
    const counters = bySymbol.get(symbol);
    return counters === undefined ? new Map() : new Map([[symbol, counters]]);
  }

  private countersOf(strategyName: string, mode: Mode, symbol: string): ScheduleCounters {
    let byMode = this.counters.get(strategyName);
    if (byMode === undefined) {
      byMode = new Map();
      this.counters.set(strategyName, byMode);
    }
    let bySymbol = byMode.get(mode);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      byMode.set(mode, bySymbol);
    }
    let counters = bySymbol.get(symbol);
    if (counters === undefined) {
      counters = {
        scheduled: 0,
        activated: 0,
        cancelled: 0,
        activationWaitMs: 0,
        cancellationWaitMs: 0,
        cancelReasons: { timeout: 0, price_reject: 0, end_of_data: 0, user: 0 },
        waiting: new Set(),
      };
      bySymbol.set(symbol, counters);
    }
    return counters;
  }
}
