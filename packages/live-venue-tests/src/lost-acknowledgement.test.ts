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
import { isProtectiveId, legOrders, stopOrders } from "./support/venue-rows.js";
import { closedOf, csvOf, MINUTE, runOnVenue, runPaper, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC: longs of 0.01 at 00:30 and 01:00, each out by expiry ten minutes later.
// The venue accepts the first entry and its close and drops the connection before it answers: the run must find
// each by its client order id on the next tick and place nothing twice.
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
      // The entry's POST at 00:30, then the close's at 00:40 (between them the stop's placement is answered).
      arm: (schedule, venue) => {
        venue.faults.dropResponse({ ...ORDER, times: 1 });
        schedule.at(START + 40 * MINUTE, () => venue.faults.dropResponse({ ...ORDER, times: 1 }));
      },
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

    // At the venue: four market orders, four client ids, each filled once, at the ticks the kernel decided them.
    const orders = legOrders(run.venue);
    expect(orders.map((order) => order.status)).toEqual(["FILLED", "FILLED", "FILLED", "FILLED"]);
    expect(new Set(orders.map((order) => order.clientOrderId)).size).toBe(4);
    const expected = fills.map(fillAsOrder).map((leg) => marketFillAt(CSV, leg.side, leg.quantity, leg.tick));
    expect(venueExecutions(run.venue)).toEqual(expected);

    // Each position's stop rested on the venue (Binance spot: STOP_LOSS, a sell of the entry's quantity at the
    // row's stop), placed once the entry was known filled, and cancelled before the close went (its 3% bracket is
    // never touched in ten minutes). The first entry's answer was lost: its stop waited for the lookup at 00:31.
    const stops = stopOrders(run.venue);
    expect(
      stops.map((o) => [
        o.clientOrderId,
        o.type,
        o.side,
        Number(o.origQty),
        Number(o.stopPrice),
        o.status,
        o.time,
      ]),
    ).toEqual(
      trades.map((trade, i) => [
        `${orders[2 * i]!.clientOrderId.slice(0, -2)}-s1`,
        "STOP_LOSS",
        "SELL",
        trade.signal.entries[0]!.quantity,
        trade.signal.priceStopLoss,
        "CANCELED",
        i === 0 ? START + 31 * MINUTE : START + 60 * MINUTE,
      ]),
    );

    // Each lost answer: the POST was applied and dropped; the next tick looked the order up by its client id.
    const posts = run.venue.log.filter((r) => r.method === ORDER.method && r.path === ORDER.path);
    expect(posts.map((r) => [r.venueTime, r.params.newClientOrderId, r.outcome, r.applied])).toEqual([
      [START + 30 * MINUTE, orders[0]!.clientOrderId, "dropped", true],
      [START + 31 * MINUTE, stops[0]!.clientOrderId, "answered", true],
      [START + 40 * MINUTE, orders[1]!.clientOrderId, "dropped", true],
      [START + 60 * MINUTE, orders[2]!.clientOrderId, "answered", true],
      [START + 60 * MINUTE, stops[1]!.clientOrderId, "answered", true],
      [START + 70 * MINUTE, orders[3]!.clientOrderId, "answered", true],
    ]);
    const lookups = run.venue.log.filter(
      (r) => r.method === "GET" && r.params.origClientOrderId !== undefined,
    );
    expect(
      lookups
        .filter((r) => !isProtectiveId(r.params.origClientOrderId))
        .map((r) => [r.venueTime, r.params.origClientOrderId, r.status]),
    ).toEqual([
      [START + 31 * MINUTE, orders[0]!.clientOrderId, 200],
      [START + 41 * MINUTE, orders[1]!.clientOrderId, 200],
    ]);
    // A resting stop is asked about on every tick after it was placed, up to the tick that cancels it.
    const ticks = (from: number, to: number) =>
      Array.from({ length: (to - from) / MINUTE + 1 }, (_, i) => from + i * MINUTE);
    expect(
      lookups
        .filter((r) => isProtectiveId(r.params.origClientOrderId))
        .map((r) => [r.venueTime, r.params.origClientOrderId]),
    ).toEqual([
      ...ticks(START + 32 * MINUTE, START + 40 * MINUTE).map((t) => [t, stops[0]!.clientOrderId]),
      ...ticks(START + 61 * MINUTE, START + 70 * MINUTE).map((t) => [t, stops[1]!.clientOrderId]),
    ]);

    // Flat, and the quote balance is the candles' prices less 0.1% a fill, worked out in 1e-8 units.
    expect(baseAfter(expected)).toBe(0);
    const balances = run.venue.balances();
    expect(Number(balances.BTC?.free ?? 0)).toBe(0);
    expect(Number(balances.USDT!.free)).toBe(quoteAfter(10_000, expected));
    expect(balances.USDT!.locked).toBe("0.00000000");
  });
});
