import type { Observable } from "rxjs";
import { CandlewickError } from "../errors/candlewick-error.js";
import { eventBus } from "../events/event-bus.js";

/**
 * Subscribes a report collector to an engine stream. The handler runs synchronously with the event (no queue:
 * collectors only count and store); if it throws, the error is reported on the error stream and the run goes on.
 *
 * The signal collectors (live log, schedule) subscribe when their module is first evaluated, i.e. when core is
 * imported, not on the first `getData`: a subscription made when the data is first asked for would have missed
 * every event before it, and signal events are few (a handful per trade). The performance recorder is opt-in
 * (`Performance.enable()`), because listening to that stream turns on per-tick timing in every backtest.
 */
export function collectEvents<T>(
  collector: string,
  source: Observable<T>,
  handler: (event: T) => void,
): void {
  source.subscribe((event) => {
    try {
      handler(event);
    } catch (error) {
      eventBus.error.next(
        new CandlewickError(
          "REPORT_COLLECTOR_ERROR",
          `[core] the ${collector} collector failed on an event: ${String(error)}`,
          {
            details: { collector },
            cause: error,
          },
        ),
      );
    }
  });
}
