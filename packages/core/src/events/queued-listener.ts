import type { Observable } from "rxjs";
import { eventBus } from "./event-bus.js";

/**
 * Subscribes `listener` so that its calls never overlap: a call that returns a promise delays the next event
 * for this listener until it settles (events are delivered in order, one at a time). Synchronous listeners are
 * called right away. A throwing or rejecting listener is reported on the error stream; the run goes on.
 */
export function subscribeQueued<T>(
  source: Observable<T>,
  listener: (event: T) => unknown,
  reportsErrors = false,
): () => void {
  let tail: Promise<void> | null = null;
  const deliver = (event: T): void | Promise<void> => {
    try {
      const result = listener(event);
      if (result instanceof Promise) return result.then(undefined, (error: unknown) => fail(error));
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown): void => {
    const asError = error instanceof Error ? error : new Error(String(error));
    // An error listener that throws cannot report to itself: print instead of looping.
    if (reportsErrors) console.error("[candlewick] a listenError listener threw:", asError);
    else eventBus.error.next(asError);
  };
  const subscription = source.subscribe((event) => {
    if (tail !== null) {
      const next: Promise<void> = tail
        .then(() => deliver(event))
        .then(() => {
          if (tail === next) tail = null;
        });
      tail = next;
      return;
    }
    const pending = deliver(event);
    if (pending !== undefined) {
      const next: Promise<void> = pending.then(() => {
        if (tail === next) tail = null;
      });
      tail = next;
    }
  });
  return () => subscription.unsubscribe();
}
