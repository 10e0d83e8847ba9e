import type { SignalEvent } from "../spec/tick-result.js";

/**
 * Every live signal event (scheduled, opened, closed, cancelled) of one engine, per strategy, in the order the
 * runs published them (`Live.getData`). Never trimmed.
 */
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
