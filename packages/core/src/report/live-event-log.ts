import { eventBus } from "../events/event-bus.js";
import type { SignalEvent } from "../spec/tick-result.js";
import { collectEvents } from "./collect-events.js";

/** Every live signal event (scheduled, opened, closed, cancelled), per strategy, in arrival order. Never trimmed. */
export class LiveEventLog {
  private readonly byStrategy = new Map<string, SignalEvent[]>();

  record(event: SignalEvent): void {
    let events = this.byStrategy.get(event.strategyName);
    if (events === undefined) {
      events = [];
      this.byStrategy.set(event.strategyName, events);
    }
    events.push(event);
  }

  /** The events of a strategy (every symbol, or one), in arrival order. */
  read(strategyName: string, symbol?: string): SignalEvent[] {
    const events = this.byStrategy.get(strategyName) ?? [];
    return symbol === undefined ? [...events] : events.filter((event) => event.symbol === symbol);
  }
}

/** The log behind `getLiveData`, fed by `listenSignalLive`'s stream. */
export const liveEventLog = new LiveEventLog();
collectEvents("live event log", eventBus.signalLive, (event) => liveEventLog.record(event));
