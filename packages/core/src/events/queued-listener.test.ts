import { Subject } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import { CandlewickError } from "../errors/candlewick-error.js";
import { LISTENER_BACKLOG_REPORT_AT, subscribeQueued } from "./queued-listener.js";

// Regression (issue 9, item 10): an async listener slower than its events built an unbounded queue in silence.
// Events are still all delivered, in order (nothing is dropped), but a backlog of 1,000 and then every tenfold
// (10,000, 100,000...) is reported on the error stream, naming the listener; the count starts again once it drains.

/** The error stream the listeners under test report to (an engine passes its own). */
const errors = new Subject<Error>();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function reported(): CandlewickError[] {
  const backlogs: CandlewickError[] = [];
  const subscription = errors.subscribe((error: Error) => {
    if (CandlewickError.isInstance(error) && error.code === "LISTENER_BACKLOG") backlogs.push(error);
  });
  cleanups.push(() => subscription.unsubscribe());
  return backlogs;
}

/** A listener that holds every event until `release()`; records what it handled, in order. */
function heldListener() {
  const handled: number[] = [];
  let release!: () => void;
  let gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    handled,
    release: () => {
      release();
      gate = Promise.resolve();
    },
    listener: async (event: number) => {
      await gate;
      handled.push(event);
    },
  };
}

/** A promise and the function that resolves it. */
function opened(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("subscribeQueued: a slow async listener's backlog", () => {
  it("is reported at 1,000 and at 10,000 events behind, once each, naming the listener; nothing is dropped", async () => {
    expect(LISTENER_BACKLOG_REPORT_AT).toBe(1000);
    const backlogs = reported();
    const source = new Subject<number>();
    const held = heldListener();
    cleanups.push(subscribeQueued(source, held.listener, { name: "listenSignalLive", errors }));

    for (let i = 0; i < 999; i++) source.next(i);
    expect(backlogs).toEqual([]);
    source.next(999);
    expect(backlogs).toHaveLength(1);
    expect(backlogs[0]!.message).toContain("listenSignalLive listener is 1000 events behind");
    expect(backlogs[0]!.message).toContain("nothing is dropped");
    expect(backlogs[0]!.details).toMatchObject({ listener: "listenSignalLive", backlog: 1000 });
    for (let i = 1000; i < 9999; i++) source.next(i);
    expect(backlogs).toHaveLength(1);
    source.next(9999);
    expect(backlogs).toHaveLength(2);
    expect(backlogs[1]!.details).toMatchObject({ backlog: 10_000 });

    held.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.handled).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it("starts counting again once the listener has caught up", async () => {
    const backlogs = reported();
    const source = new Subject<number>();
    let gate = opened();
    cleanups.push(subscribeQueued(source, () => gate.promise, { name: "listenError", errors }));
    for (let i = 0; i < 1000; i++) source.next(i);
    expect(backlogs).toHaveLength(1);
    gate.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gate = opened();
    for (let i = 0; i < 1000; i++) source.next(i);
    expect(backlogs).toHaveLength(2);
    gate.resolve();
  });

  it("a synchronous listener has no backlog and is never reported", () => {
    const backlogs = reported();
    const source = new Subject<number>();
    let count = 0;
    cleanups.push(subscribeQueued(source, () => void count++, { name: "listenPerformance", errors }));
    for (let i = 0; i < 20_000; i++) source.next(i);
    expect(count).toBe(20_000);
    expect(backlogs).toEqual([]);
  });
});
