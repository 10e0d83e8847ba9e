import { afterEach, describe, expect, it } from "vitest";
import {
  baseAfter,
  fillAsOrder,
  marketFillAt,
  quoteAfter,
  venueExecutions,
} from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { legOrders, stopOrders, venueFedTrade } from "./support/venue-rows.js";
import { closedOf, csvOf, MINUTE, runOnVenue, runPaper, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC, longs of 0.01 at 00:30 and 01:00 out by expiry ten minutes later. From
// 00:30 to 00:45 of venue time every request is answered 429 (Binance's -1003, Retry-After: 60): the first
// signal's entry and its close (decided at 00:40) must wait, go once each when the storm is over, and the second
// signal trade as if nothing had happened.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);
const END = START + 75 * MINUTE;
const STORM_FROM = START + 30 * MINUTE;
const STORM_UNTIL = START + 45 * MINUTE;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("a 429 storm of fifteen minutes, in a whole live run on the emulator", () => {
  it("one request a tick while it lasts, then each leg once: the entry and its close catch up, nothing lost", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      arm: (schedule, venue) =>
        schedule.at(STORM_FROM, () =>
          venue.faults.rateLimit({ untilVenueTime: STORM_UNTIL, retryAfterSeconds: 60 }),
        ),
    });
    // The entry's outcome stays unknown for the whole storm: reported once, at its fifth failed try (00:34; the
    // next report would be at the 50th), and nothing else goes wrong.
    expect(
      run.errors.map((error) => {
        const { code, details } = error as { code?: string; details?: Record<string, unknown> };
        return [code, details?.leg, details?.failures, details?.lastReason, details?.since];
      }),
    ).toEqual([["ORDER_UNRESOLVED", "entry", 5, "rate_limited", STORM_FROM]]);
    const trades = closedOf(run.results.get(SYMBOL));
    const paper = closedOf(
      (await runPaper({ strategy: halfHourly, symbols: [SYMBOL], end: END })).results.get(SYMBOL),
    );
    expect(trades).toHaveLength(2);
    const [first, second] = trades;

    // While it lasts: one request each tick (the entry's POST, then a lookup by client id), every one a 429,
    // never two within the minute the venue asked for.
    const storm = run.venue.log.filter((r) => r.venueTime >= STORM_FROM && r.venueTime < STORM_UNTIL);
    expect(storm.map((r) => r.venueTime)).toEqual(
      Array.from({ length: 15 }, (_, i) => STORM_FROM + i * MINUTE),
    );
    expect(new Set(storm.map((r) => `${r.status} ${r.binanceCode}`))).toEqual(new Set(["429 -1003"]));
    expect(storm.filter((r) => r.applied)).toEqual([]);
    expect(storm.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual([
      "POST /api/v3/order",
      "GET /api/v3/order",
    ]);

    // At 00:45 the lookup finds nothing, the entry goes, then its close: both market orders at 00:44's close.
    const late = [
      marketFillAt(CSV, "buy", first!.signal.entries[0]!.quantity, STORM_UNTIL),
      marketFillAt(CSV, "sell", first!.signal.exits[0]!.quantity, STORM_UNTIL),
    ];
    const onTime = [...second!.signal.entries, ...second!.signal.exits]
      .map(fillAsOrder)
      .map((leg) => marketFillAt(CSV, leg.side, leg.quantity, leg.tick));
    const expected = [...late, ...onTime];
    expect(venueExecutions(run.venue)).toEqual(expected);
    // The rows take the venue's fills (architecture/live.md, "The kernel follows the venue"): the first trade's
    // entry and close are 00:44's close, not the fill model's 00:29 and 00:39; the second is the paper run's.
    expect(first).toEqual(venueFedTrade(paper[0]!, late));
    expect(second).toEqual(paper[1]);
    const orders = legOrders(run.venue);
    expect(orders.map((order) => order.status)).toEqual(["FILLED", "FILLED", "FILLED", "FILLED"]);
    expect(new Set(orders.map((order) => order.clientOrderId)).size).toBe(4);
    // The first position was closed in the tick it opened: no stop rested for it. The second's did, from its
    // entry's tick until its close.
    const stops = stopOrders(run.venue);
    expect(stops.map((o) => [o.clientOrderId, o.type, o.status, o.time])).toEqual([
      [`${orders[2]!.clientOrderId.slice(0, -2)}-s1`, "STOP_LOSS", "CANCELED", START + 60 * MINUTE],
    ]);
    const posts = run.venue.log.filter((r) => r.method === "POST" && r.path === "/api/v3/order");
    expect(posts.map((r) => [r.venueTime, r.status, r.params.newClientOrderId])).toEqual([
      [STORM_FROM, 429, orders[0]!.clientOrderId],
      [STORM_UNTIL, 200, orders[0]!.clientOrderId],
      [STORM_UNTIL, 200, orders[1]!.clientOrderId],
      [START + 60 * MINUTE, 200, orders[2]!.clientOrderId],
      [START + 60 * MINUTE, 200, stops[0]!.clientOrderId],
      [START + 70 * MINUTE, 200, orders[3]!.clientOrderId],
    ]);

    expect(baseAfter(expected)).toBe(0);
    expect(Number(run.venue.balances().USDT!.free)).toBe(quoteAfter(10_000, expected));
  });

  // A Retry-After longer than a tick: retry-after.test.ts.
});
