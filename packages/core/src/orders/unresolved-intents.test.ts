import { describe, expect, it } from "vitest";
import { BrokerError } from "../errors/broker-error.js";
import type { RunContext } from "../kernel/run-context.js";
import type { OrderIntent } from "./order-intent.js";
import { UnresolvedIntents } from "./unresolved-intents.js";

// Only the run's names are read (for the message): the rest of a run is not needed to count failures.
const RUN = { strategyName: "s", symbol: "BTCUSDT" } as unknown as RunContext;
const MINUTE = 60_000;

function intentOf(clientOrderId: string): OrderIntent {
  return {
    clientOrderId,
    signalId: "sig",
    leg: { kind: "entry" },
    request: { clientOrderId, symbol: "BTCUSDT", side: "buy", type: "market", quantity: 0.01 },
    status: "sent",
    fills: [],
    attempts: 1,
  };
}
const timeout = new BrokerError("venue", "transient", "timeout", "createOrder timed out");

describe("UnresolvedIntents", () => {
  it("reports at the 5th failure in a row, then at the 50th; not between", () => {
    const watch = new UnresolvedIntents(RUN, "venue");
    const intent = intentOf("cw-a");
    const reportedAt: number[] = [];
    for (let i = 1; i <= 60; i++) {
      // One failure a second: the time rule (5 min) is not what reports here.
      const reports = watch.observe([{ intent, error: timeout }], () => intent, i * 1000);
      if (reports.length > 0) reportedAt.push(i);
    }
    expect(reportedAt).toEqual([5, 50]);
  });

  it("reports after 5 minutes of the run's clock however few the failures", () => {
    const watch = new UnresolvedIntents(RUN, "venue");
    const intent = intentOf("cw-b");
    expect(watch.observe([{ intent, error: timeout }], () => intent, 0)).toEqual([]);
    expect(watch.observe([{ intent, error: timeout }], () => intent, 5 * MINUTE - 1)).toEqual([]);
    const [report] = watch.observe([{ intent, error: timeout }], () => intent, 5 * MINUTE);
    expect(report?.code).toBe("ORDER_UNRESOLVED");
    expect(report?.details).toMatchObject({
      clientOrderId: "cw-b",
      failures: 3,
      since: 0,
      lastReason: "timeout",
    });
  });

  it("a streak ends once the venue answered for the intent; one waiting behind another leg keeps it", () => {
    const watch = new UnresolvedIntents(RUN, "venue");
    const intent = intentOf("cw-c");
    for (let i = 0; i < 4; i++) watch.observe([{ intent, error: timeout }], () => intent, i);
    // A pass that did not try it (still sent): the count stays.
    watch.observe([], () => intent, 10);
    expect(watch.failuresOf("cw-c")).toBe(4);
    intent.status = "filled";
    watch.observe([], () => intent, 11);
    expect(watch.failuresOf("cw-c")).toBe(0);
    intent.status = "sent";
    const reports = [0, 1, 2, 3].flatMap((i) =>
      watch.observe([{ intent, error: timeout }], () => intent, 20 + i),
    );
    expect(reports).toEqual([]);
  });

  it("counts a send and a lookup of one pass as one try", () => {
    const watch = new UnresolvedIntents(RUN, "venue");
    const intent = intentOf("cw-d");
    watch.observe(
      [
        { intent, error: timeout },
        { intent, error: timeout },
      ],
      () => intent,
      0,
    );
    expect(watch.failuresOf("cw-d")).toBe(1);
  });
});

describe("UnresolvedIntents and a venue's Retry-After", () => {
  it("calls held back unsent are not tries; the time rule still reports a long wait", () => {
    const watch = new UnresolvedIntents(RUN, "venue");
    const intent = intentOf("cw-e");
    const held = new BrokerError("venue", "transient", "rate_limited", "not sent", {
      details: { sent: false },
    });
    expect(watch.observe([{ intent, error: timeout }], () => intent, 0)).toEqual([]);
    for (let i = 1; i < 5; i++)
      expect(watch.observe([{ intent, error: held }], () => intent, i * MINUTE)).toEqual([]);
    expect(watch.failuresOf("cw-e")).toBe(1);
    const [report] = watch.observe([{ intent, error: held }], () => intent, 5 * MINUTE);
    expect(report?.details).toMatchObject({ failures: 1, lastReason: "rate_limited" });
  });
});
