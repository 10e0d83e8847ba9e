import { createCcxtBroker } from "@candlewick/broker-ccxt";
import { clientOrderIdOf } from "@candlewick/core";
import { type OrderIntent, OrderJournal, sendIntents } from "@candlewick/core/internal";
import { createVenueEmulator, type VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { csvCandles } from "./support/candle-closes.js";
import { fillAsOrder, marketFillAt, venueExecutions } from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { binanceOn, closedOf, csvOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// The emulator fills only *resting* orders partly (its README, "Fill rule": at most `maxQuantityPerCandle` of an
// order per candle); a market order fills at once, in full. The order flow places market orders only today
// (resting protective orders are stop-markets, which fill in full), so a whole run cannot meet a partial fill: the first test shows a
// run's legs are unaffected by the venue's cap; the second drives the order flow's per-tick pass (`sendIntents`,
// what `Live.run` calls each tick) minute by minute on a resting leg.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);

let venue: VenueEmulator | undefined;
let run: VenueRun | undefined;
afterEach(async () => {
  await venue?.stop();
  await run?.venue.stop();
  venue = undefined;
  run = undefined;
});

describe("partial fills on the emulator", () => {
  it("a whole run's market legs fill at once and in full under a partial-fill cap of 0.001 a candle", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: START + 45 * MINUTE,
      venue: { partialFills: { maxQuantityPerCandle: "0.001" } },
    });
    expect(run.errors).toEqual([]);
    const fills = closedOf(run.results.get(SYMBOL)).flatMap((t) => [...t.signal.entries, ...t.signal.exits]);
    expect(fills.map((fill) => fill.quantity)).toEqual([0.01, 0.01]);
    expect(venueExecutions(run.venue)).toEqual(
      fills.map(fillAsOrder).map((leg) => marketFillAt(CSV, leg.side, leg.quantity, leg.tick)),
    );
  });

  it("a resting leg of 0.003 fills 0.001 a candle over three ticks, each fill once by fill id; then it is filled and the close behind it goes on that tick", async () => {
    // 2026-04-01 00:00 UTC: last close 68284.48 (23:59). A buy limit at 68220 is reached by the lows of 00:00
    // (68218.35), 00:01 (68120.99) and 00:02 (68142.66); the cap makes each candle fill 0.001 of it.
    const limit = 68_220;
    venue = createVenueEmulator({
      apiKey: "partialFillsKey3d91",
      secret: "partial-fills-secret",
      candles: { [SYMBOL]: CSV },
      balances: { USDT: "10000" },
      startTime: START,
      partialFills: { maxQuantityPerCandle: "0.001" },
    });
    await venue.start();
    const started = venue;
    const broker = createCcxtBroker({ exchange: binanceOn(started, () => started.now()) as never });
    const signalId = "partial-fills-signal";
    const intent = (leg: OrderIntent["leg"], request: Omit<OrderIntent["request"], "clientOrderId">) => {
      const clientOrderId = clientOrderIdOf(signalId, leg);
      return {
        clientOrderId,
        signalId,
        leg,
        request: { clientOrderId, ...request },
        status: "pending",
        fills: [],
        attempts: 0,
      } as OrderIntent;
    };
    const journal = new OrderJournal();
    journal.restore([
      intent(
        { kind: "entry" },
        { symbol: SYMBOL, side: "buy", type: "limit", quantity: 0.003, price: limit },
      ),
      intent({ kind: "close" }, { symbol: SYMBOL, side: "sell", type: "market", quantity: 0.003 }),
    ]);

    // Expected from the CSV: each candle from 00:00 on whose low reaches the limit fills 0.001 at the limit,
    // stamped with its close time, until 0.003 is done.
    const candles = csvCandles(CSV);
    const expected: { price: number; quantity: number; timestamp: number }[] = [];
    for (let open = START; expected.length < 3; open += MINUTE) {
      if (candles.get(open)!.low <= limit)
        expected.push({ price: limit, quantity: 0.001, timestamp: open + MINUTE - 1 });
    }
    expect(expected.map((fill) => fill.timestamp)).toEqual([1, 2, 3].map((n) => START + n * MINUTE - 1));

    const [entry, close] = journal.all();
    const seen: number[] = [];
    const closeSentAt: number[] = [];
    for (let tick = 0; tick <= 5; tick++) {
      started.advanceTo(START + tick * MINUTE);
      await sendIntents(broker, journal, async () => {});
      seen.push(entry!.fills.length);
      if (close!.attempts > 0 && closeSentAt.length === 0) closeSentAt.push(tick);
    }
    // One more fill a tick until the order is done, then no more: each fill once, with its fill id.
    expect(seen).toEqual([0, 1, 2, 3, 3, 3]);
    expect(
      entry!.fills.map((f) => ({ price: f.price, quantity: f.quantity, timestamp: f.timestamp })),
    ).toEqual(expected);
    expect(new Set(entry!.fills.map((f) => f.fillId)).size).toBe(3);
    expect(entry!.attempts).toBe(1);
    // The fills add up to the order: the leg is filled, and the close behind it goes on the tick that took the third
    // fill (tick 3, venue 00:03: the 00:02 candle's), filling at once at that candle's close (the market rule).
    expect([entry!.status, entry!.filledQuantity]).toEqual(["filled", 0.003]);
    expect(closeSentAt).toEqual([3]);
    expect([close!.status, close!.attempts]).toEqual(["filled", 1]);
    expect(venueExecutions(started).at(-1)).toEqual(marketFillAt(CSV, "sell", 0.003, START + 3 * MINUTE));
    expect(started.orders().map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([
      [entry!.clientOrderId, "FILLED", "0.00300000"],
      [close!.clientOrderId, "FILLED", "0.00300000"],
    ]);
  });
});
