import type { CandlewickError } from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { marketFillAt, venueExecutions } from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { closedOf, csvOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC, longs of 0.01 at 00:30 and 01:00 out by expiry ten minutes later. At
// 00:30 the venue executes the entry and answers 500 (-1001: "execution status unknown"), then answers every
// request 503 until 00:38: eight ticks in which the entry's outcome cannot be known. The run must say so
// (ORDER_UNRESOLVED, once, at the fifth failure in a row: 00:34), keep looking the order up by its client id,
// adopt it when the venue answers again, and never place it twice.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);
const END = START + 75 * MINUTE;
const OUTAGE_FROM = START + 30 * MINUTE;
const OUTAGE_UNTIL = START + 38 * MINUTE;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("an order whose outcome stays unknown for eight ticks, in a whole live run on the emulator", () => {
  it("is reported as ORDER_UNRESOLVED at its fifth failure, then adopted by client id: one order at the venue", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      arm: (schedule, venue) =>
        schedule.at(OUTAGE_FROM, () => {
          venue.faults.serverError({
            method: "POST",
            path: "/api/v3/order",
            status: 500,
            apply: true,
            times: 1,
          });
          venue.faults.serverError({ status: 503, untilVenueTime: OUTAGE_UNTIL });
        }),
    });

    expect(run.errors.map((error) => (error as CandlewickError).code)).toEqual(["ORDER_UNRESOLVED"]);
    const [report] = run.errors as CandlewickError[];
    const entryId = run.venue.orders()[0]!.clientOrderId;
    expect(report!.details).toMatchObject({
      clientOrderId: entryId,
      leg: "entry",
      status: "sent",
      failures: 5,
      since: OUTAGE_FROM,
      lastReason: "venue_unavailable",
    });
    expect(report!.message).toContain(`order ${entryId} (entry of signal`);
    expect(report!.message).toContain("5 times in a row over 4 min");

    // The entry's tries, as the venue logged them: the POST (executed, answered 500), then one lookup by client
    // id a tick, 503 while the outage lasts, found at 00:38. Never a second POST of it.
    const ofEntry = run.venue.log.filter(
      (r) => r.params.newClientOrderId === entryId || r.params.origClientOrderId === entryId,
    );
    expect(ofEntry.map((r) => [r.venueTime, r.method, r.status])).toEqual([
      [OUTAGE_FROM, "POST", 500],
      ...Array.from({ length: 7 }, (_, i) => [OUTAGE_FROM + (i + 1) * MINUTE, "GET", 503]),
      [OUTAGE_UNTIL, "GET", 200],
    ]);

    // Filled at 00:30 (00:29's close), when the venue executed it; the rest of the trades on time.
    const orders = run.venue.orders();
    expect(new Set(orders.map((order) => order.clientOrderId)).size).toBe(orders.length);
    expect(venueExecutions(run.venue)).toEqual([
      marketFillAt(CSV, "buy", 0.01, OUTAGE_FROM),
      marketFillAt(CSV, "sell", 0.01, START + 40 * MINUTE),
      marketFillAt(CSV, "buy", 0.01, START + 60 * MINUTE),
      marketFillAt(CSV, "sell", 0.01, START + 70 * MINUTE),
    ]);
    const [first] = closedOf(run.results.get(SYMBOL));
    expect(first?.signal.entries[0]?.price).toBe(marketFillAt(CSV, "buy", 0.01, OUTAGE_FROM).price);
  });
});
