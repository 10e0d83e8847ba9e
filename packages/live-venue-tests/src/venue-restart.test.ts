import { afterEach, describe, expect, it } from "vitest";
import {
  baseAfter,
  fillAsOrder,
  marketFillAt,
  quoteAfter,
  venueExecutions,
} from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { isProtectiveId, legOrders, stopOrders } from "./support/venue-rows.js";
import { closedOf, csvOf, MINUTE, runOnVenue, runPaper, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC, longs of 0.01 at 00:30 and 01:00 out by expiry ten minutes later. The
// venue restarts twice with every connection reset: at 00:30 while it holds the first entry (placed, not yet
// answered), and between requests, as the run signs its first request after 00:50 (the second entry, at 01:00,
// which then needs a new connection). Orders, fills and balances survive a restart (the emulator's contract):
// the run must adopt the first entry by its client id and go on on new connections.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);
const END = START + 75 * MINUTE;
const ORDER = { method: "POST", path: "/api/v3/order" } as const;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("the venue restarting mid-run, on the emulator", () => {
  it("the order caught in a restart is adopted by its client id on the next tick: each leg once, none moved", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      arm: (schedule, venue) =>
        schedule
          .at(START + 30 * MINUTE, () => {
            venue.faults.hang({ ...ORDER, times: 1 });
            // Wall time: the entry's POST has arrived and is being held when the venue goes down.
            setTimeout(() => venue.restart({ dropConnections: true }), 150);
          })
          .at(START + 50 * MINUTE, () => venue.restart({ dropConnections: true })),
    });
    expect(run.errors).toEqual([]);
    // The second restart meets the periodic reconciliation's requests at 00:50 (every 5 minutes, idle or not).
    expect(run.schedule.fired).toEqual([START + 30 * MINUTE, START + 50 * MINUTE]);
    const trades = closedOf(run.results.get(SYMBOL));
    expect(trades).toEqual(
      closedOf((await runPaper({ strategy: halfHourly, symbols: [SYMBOL], end: END })).results.get(SYMBOL)),
    );
    // Each position's stop (STOP_LOSS) rests from the tick its entry is known filled: the first at 00:31, once the
    // held entry was adopted; cancelled before each close.
    const orders = legOrders(run.venue);
    const stops = stopOrders(run.venue);
    expect(stops.map((o) => [o.clientOrderId, o.type, o.status, o.time])).toEqual([
      [`${orders[0]!.clientOrderId.slice(0, -2)}-s1`, "STOP_LOSS", "CANCELED", START + 31 * MINUTE],
      [`${orders[2]!.clientOrderId.slice(0, -2)}-s1`, "STOP_LOSS", "CANCELED", START + 60 * MINUTE],
    ]);
    const posts = run.venue.log.filter((r) => r.method === ORDER.method && r.path === ORDER.path);
    expect(posts.map((r) => [r.venueTime, r.params.newClientOrderId, r.outcome, r.applied])).toEqual([
      [START + 30 * MINUTE, orders[0]!.clientOrderId, "hung", true],
      [START + 31 * MINUTE, stops[0]!.clientOrderId, "answered", true],
      [START + 40 * MINUTE, orders[1]!.clientOrderId, "answered", true],
      [START + 60 * MINUTE, orders[2]!.clientOrderId, "answered", true],
      [START + 60 * MINUTE, stops[1]!.clientOrderId, "answered", true],
      [START + 70 * MINUTE, orders[3]!.clientOrderId, "answered", true],
    ]);
    // Lookups of the rows' legs (the stops' per-tick polls aside): only the held entry's.
    const lookups = run.venue.log.filter(
      (r) => r.params.origClientOrderId !== undefined && !isProtectiveId(r.params.origClientOrderId),
    );
    expect(lookups.map((r) => [r.venueTime, r.params.origClientOrderId, r.status])).toEqual([
      [START + 31 * MINUTE, posts[0]!.params.newClientOrderId, 200],
    ]);

    // Nothing moved: every leg at the venue at the tick the kernel decided it, once.
    const fills = trades.flatMap((trade) => [...trade.signal.entries, ...trade.signal.exits]);
    const expected = fills.map(fillAsOrder).map((leg) => marketFillAt(CSV, leg.side, leg.quantity, leg.tick));
    expect(venueExecutions(run.venue)).toEqual(expected);
    expect(new Set(orders.map((order) => order.clientOrderId)).size).toBe(4);
    expect(orders.every((order) => order.status === "FILLED")).toBe(true);
    expect(baseAfter(expected)).toBe(0);
    expect(Number(run.venue.balances().USDT!.free)).toBe(quoteAfter(10_000, expected));
  });
});
