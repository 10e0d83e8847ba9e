import { runInContext } from "../context/execution-context.js";
import { reportError } from "../events/report-error.js";
import type { SignalEvent } from "../spec/tick-result.js";
import type { RunContext } from "./run-context.js";

/**
 * Publishes one lifecycle event: first the strategy's own callback (in the execution context of the event's
 * time), then the engine's stores and streams. Returns a promise only when the callback is asynchronous, so the common
 * path stays free of awaits.
 */
export function deliverEvent(run: RunContext, event: SignalEvent): void | Promise<void> {
  const callbacks = run.strategy.callbacks;
  let pending: unknown;
  if (callbacks !== undefined) {
    try {
      pending = runInContext(
        { symbol: run.symbol, when: event.timestamp, backtest: run.backtest, run },
        () => {
          switch (event.action) {
            case "scheduled":
              return callbacks.onSchedule?.(run.symbol, event.signal, event.currentPrice, run.backtest);
            case "opened":
              return callbacks.onOpen?.(run.symbol, event.signal, event.currentPrice, run.backtest);
            case "closed":
              return callbacks.onClose?.(run.symbol, event, run.backtest);
            case "cancelled":
              return callbacks.onCancel?.(run.symbol, event, run.backtest);
          }
        },
      );
    } catch (error) {
      reportError(error, run, `callback for "${event.action}" threw`);
    }
  }
  if (pending instanceof Promise) {
    return pending.then(
      () => run.engine.publishSignal(event),
      (error: unknown) => {
        reportError(error, run, `callback for "${event.action}" rejected`);
        run.engine.publishSignal(event);
      },
    );
  }
  run.engine.publishSignal(event);
}
