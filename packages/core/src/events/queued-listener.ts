import type { Observable, Subject } from "rxjs";
import { CandlewickError } from "../errors/candlewick-error.js";

/** Backlog of a listener (events received, not yet handled) first reported; then again at every tenfold. */
export const LISTENER_BACKLOG_REPORT_AT = 1000;

/** How a queued listener is named in reports, and whether it is an error listener. */
export interface QueuedListenerOptions {
  /** The `listen*` function it was subscribed with, for messages. */
  readonly name: string;
  /** An error listener: its own failures and backlog are printed, since reporting them would loop. */
  readonly reportsErrors?: boolean;
  /** The engine's error stream, where a failing or lagging listener is reported. */
  readonly errors: Subject<Error>;
}

/**
 * Subscribes `listener` so that its calls never overlap: a call that returns a promise delays the next event
 * for this listener until it settles (events are delivered in order, one at a time). Synchronous listeners are
 * called right away. A throwing or rejecting listener is reported on the error stream; the run goes on.
 *
 * The engine never waits for listeners, so a listener slower than its events builds a queue. Nothing is dropped
 * (a listener may be keeping the trade record); instead a backlog of `LISTENER_BACKLOG_REPORT_AT` events, then
 * each tenfold of it, is reported on the error stream (`LISTENER_BACKLOG`), and the count starts again once the
 * listener has caught up.
 */
export function subscribeQueued<T>(
  source: Observable<T>,
  listener: (event: T) => unknown,
  options: QueuedListenerOptions,
): () => void {
  let tail: Promise<void> | null = null;
  /** Events received and not yet handled (the one being handled included). */
  let backlog = 0;
  let reportAt = LISTENER_BACKLOG_REPORT_AT;
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
    if (options.reportsErrors) console.error("[candlewick] a listenError listener threw:", asError);
    else options.errors.next(asError);
  };
  const queued = (next: Promise<void>): Promise<void> => {
    backlog++;
    if (backlog >= reportAt) {
      reportAt *= 10;
      reportBacklog(options, backlog);
    }
    const settled: Promise<void> = next.then(() => {
      backlog--;
      if (backlog === 0) reportAt = LISTENER_BACKLOG_REPORT_AT;
      if (tail === settled) tail = null;
    });
    return settled;
  };
  const subscription = source.subscribe((event) => {
    if (tail !== null) {
      tail = queued(tail.then(() => deliver(event)));
      return;
    }
    const pending = deliver(event);
    if (pending !== undefined) tail = queued(pending);
  });
  return () => subscription.unsubscribe();
}

function reportBacklog(options: QueuedListenerOptions, backlog: number): void {
  const error = new CandlewickError(
    "LISTENER_BACKLOG",
    `[core] a ${options.name} listener is ${backlog} events behind: it handles them more slowly than they arrive (each call's promise is awaited before the next event), so its queue grows in memory; nothing is dropped. Make it faster, or let it hand the work off without awaiting it`,
    { details: { listener: options.name, backlog } },
  );
  if (options.reportsErrors) console.error(error.message);
  else options.errors.next(error);
}
