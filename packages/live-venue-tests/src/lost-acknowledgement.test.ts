import { afterEach, describe, expect, it } from "vitest";
import { closeAt } from "./support/candle-closes.js";
import {
  baseAfter,
  fillAsOrder,
  marketFillAt,
  quoteAfter,
  venueExecutions,
} from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { closedOf, csvOf, MINUTE, runOnVenue, runPaper, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC: longs of 0.01 at 00:30 and 01:00, each out by expiry ten minutes later.
// The venue accepts the first two orders (the first entry and its close) and drops the connection before it
// answers: the run must find each by its client order id on the next tick and place nothing twice.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);
const END = START + 75 * MINUTE;
const ORDER = { method: "POST", path: "/api/v3/order" } as const;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("a lost acknowledgement, in a whole live run on the emulator", () => {
  it("the order is found by its client order id on the next tick: one order per leg at the venue, each filled once", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      arm: (_, venue) => venue.faults.dropResponse({ ...ORDER, times: 2 }),
    });
    expect(run.errors).toEqual([]);
    const trades = closedOf(run.results.get(SYMBOL));
    expect(trades.map((trade) => [trade.signal.entries[0]!.timestamp, trade.closeReason])).toEqual([
      [START + 30 * MINUTE, "time_expired"],
      [START + 60 * MINUTE, "time_expired"],
    ]);
    // The rows are the fill model's, unchanged by the faults, and that model is the venue's market rule here:
    // the close of the candle before the tick.
    const paper = await runPaper({ strategy: halfHourly, symbols: [SYMBOL], end: END });
    expect(trades).toEqual(closedOf(paper.results.get(SYMBOL)));
    const fills = trades.flatMap((trade) => [...trade.signal.entries, ...trade.signal.exits]);
    for (const fill of fills) expect(fill.fillPrice).toBe(closeAt(CSV, fill.timestamp - MINUTE));

    // At the venue: four orders, four client ids, each filled once, at the ticks the kernel decided them.
    const orders = run.venue.orders();
    expect(orders.map((order) => order.status)).toEqual(["FILLED", "FILLED", "FILLED", "FILLED"]);
    expect(new Set(orders.map((order) => order.clientOrderId)).size).toBe(4);
    const expected = fills.map(fillAsOrder).map((leg) => marketFillAt(CSV, leg.side, leg.quantity, leg.tick));
    expect(venueExecutions(run.venue)).toEqual(expected);

    // Each lost answer: the POST was applied and dropped; the next tick looked the order up by its client id.
    const posts = run.venue.log.filter((r) => r.method === ORDER.method && r.path === ORDER.path);
    expect(posts.map((r) => [r.venueTime, r.outcome, r.applied])).toEqual([
      [START + 30 * MINUTE, "dropped", true],
      [START + 40 * MINUTE, "dropped", true],
      [START + 60 * MINUTE, "answered", true],
      [START + 70 * MINUTE, "answered", true],
    ]);
    const lookups = run.venue.log.filter(
      (r) => r.method === "GET" && r.params.origClientOrderId !== undefined,
    );
    expect(lookups.map((r) => [r.venueTime, r.params.origClientOrderId, r.status])).toEqual([
      [START + 31 * MINUTE, orders[0]!.clientOrderId, 200],
      [START + 41 * MINUTE, orders[1]!.clientOrderId, 200],
    ]);

    // Flat, and the quote balance is the candles' prices less 0.1% a fill, worked out in 1e-8 units.
    expect(baseAfter(expected)).toBe(0);
    const balances = run.venue.balances();
    expect(Number(balances.BTC?.free ?? 0)).toBe(0);
    expect(Number(balances.USDT!.free)).toBe(quoteAfter(10_000, expected));
    expect(balances.USDT!.locked).toBe("0.00000000");
  });
});
