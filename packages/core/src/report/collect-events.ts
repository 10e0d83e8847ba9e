import type { Observable, Subscription } from "rxjs";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { EventBus } from "../events/event-bus.js";

/**
 * Subscribes a report collector to one of an engine's streams. The handler runs synchronously with the event (no
 * queue: collectors only count and store); if it throws, the error is reported on the engine's error stream and
 * the run goes on.
 */
export function collectEvents<T>(
  events: EventBus,
  collector: string,
  source: Observable<T>,
  handler: (event: T) => void,
): Subscription {
  return source.subscribe((event) => {
    try {
      handler(event);
    } catch (error) {
      events.error.next(
        new CandlewickError(
          "REPORT_COLLECTOR_ERROR",
          `[core] the ${collector} collector failed on an event: ${String(error)}`,
          { details: { collector }, cause: error },
        ),
      );
    }
  });
}
