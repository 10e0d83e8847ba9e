import { BrokerError } from "@candlewick/core";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { at, brokerOn, startVenue } from "./test-support/emulator.js";

// BTCUSDT 1m candles of data/candles (2025-05-20 UTC) quoted below: 00:00 close 105554.32; 00:01 high 105609.89;
// 00:02 and 00:03 highs above 105600.

const ORDER = { method: "POST", path: "/api/v3/order" } as const;
const restingBuy = (clientOrderId: string) =>
  ({ clientOrderId, symbol: "BTCUSDT", side: "buy", type: "limit", quantity: 0.001, price: 90_000 }) as const;

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

async function failure(call: Promise<unknown>): Promise<BrokerError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(BrokerError.isInstance(error), String(error)).toBe(true);
  return error as BrokerError;
}

const postsOf = (emulator: VenueEmulator) =>
  emulator.log.filter((r) => r.method === "POST" && r.path === ORDER.path);

describe("ccxt broker on the emulator: faults", () => {
  it("a lost acknowledgement is transient, and the order is then found by its client order id", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    venue.faults.dropResponse(ORDER);
    const error = await failure(broker.createOrder(restingBuy("cw-lost-ack")));
    expect([error.kind, error.reason]).toEqual(["transient", "network"]);
    expect(postsOf(venue).map((r) => [r.outcome, r.applied])).toEqual([["dropped", true]]);
    const found = await broker.fetchOrder("BTCUSDT", "cw-lost-ack");
    expect(found).toMatchObject({
      clientOrderId: "cw-lost-ack",
      status: "open",
      quantity: 0.001,
      price: 90_000,
    });
    expect(found!.venueOrderId).toBe(String(venue.orders()[0]!.orderId));
  });

  it("an answer held past ccxt's timeout is transient timeout; the order is at the venue", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue, { timeout: 300 });
    venue.faults.hang(ORDER);
    const error = await failure(broker.createOrder(restingBuy("cw-timeout")));
    expect([error.kind, error.reason]).toEqual(["transient", "timeout"]);
    expect(await broker.fetchOrder("BTCUSDT", "cw-timeout")).toMatchObject({ status: "open" });
  });

  it("a 429 storm: each answer is transient rate_limited with the venue's Retry-After, and nothing is placed", async () => {
    let now = at(10);
    venue = await startVenue({ startTime: at(10), clock: () => now });
    const broker = brokerOn(venue, { milliseconds: () => now });
    await broker.fetchBalance(); // markets loaded before the storm
    venue.faults.rateLimit({ ...ORDER, times: 3, retryAfterSeconds: 7 });
    for (let i = 0; i < 3; i++) {
      const error = await failure(broker.createOrder(restingBuy("cw-storm")));
      expect([error.kind, error.reason, error.retryAfterMs]).toEqual(["transient", "rate_limited", 7000]);
      now += 7000;
    }
    expect(venue.orders()).toEqual([]);
    await expect(broker.createOrder(restingBuy("cw-storm"))).resolves.toMatchObject({ status: "open" });
    expect(venue.orders().map((o) => o.clientOrderId)).toEqual(["cw-storm"]);
    expect(postsOf(venue).map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });

  it("after a 429 nothing is sent until its Retry-After has passed (the broker's clock): calls fail at once, unsent", async () => {
    let now = at(10);
    venue = await startVenue({ startTime: at(10), clock: () => now });
    const broker = brokerOn(venue, { milliseconds: () => now });
    await broker.fetchBalance();
    venue.faults.rateLimit({ ...ORDER, times: 1, retryAfterSeconds: 7 });
    const limited = await failure(broker.createOrder(restingBuy("cw-wait")));
    expect([limited.reason, limited.retryAfterMs]).toEqual(["rate_limited", 7000]);
    const requests = venue.log.length;
    now += 6_999;
    for (const call of [
      broker.createOrder(restingBuy("cw-wait")),
      broker.fetchOrder("BTCUSDT", "cw-wait"),
      broker.fetchBalance(),
    ]) {
      const held = await failure(call);
      expect([held.kind, held.reason, held.retryAfterMs, held.details?.sent]).toEqual([
        "transient",
        "rate_limited",
        1,
        false,
      ]);
    }
    expect(venue.log.length).toBe(requests);
    now += 1;
    await expect(broker.createOrder(restingBuy("cw-wait"))).resolves.toMatchObject({ status: "open" });
    expect(postsOf(venue).map((r) => [r.venueTime, r.status])).toEqual([
      [at(10), 429],
      [at(10) + 7000, 200],
    ]);
  });

  it("5xx: a 503 is transient and placed nothing; a 500 after execution is transient and the order is found filled", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    venue.faults.serverError({ ...ORDER, status: 503 });
    const busy = await failure(broker.createOrder(restingBuy("cw-503")));
    expect([busy.kind, busy.reason]).toEqual(["transient", "venue_unavailable"]);
    expect(venue.orders()).toEqual([]);
    venue.faults.serverError({ ...ORDER, status: 500, apply: true });
    const unknown = await failure(
      broker.createOrder({
        clientOrderId: "cw-500",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
      }),
    );
    expect(unknown.kind).toBe("transient");
    expect(await broker.fetchOrder("BTCUSDT", "cw-500")).toMatchObject({
      status: "filled",
      filledQuantity: 0.001,
      averagePrice: 105554.32,
    });
  });

  it("partial fills over several candles: each fill once, with our client order id, at or after `since`", async () => {
    venue = await startVenue({
      balances: { BTC: "0.003" },
      partialFills: { maxQuantityPerCandle: { BTCUSDT: "0.001" } },
    });
    const broker = brokerOn(venue);
    await broker.createOrder({
      clientOrderId: "cw-tp-partial",
      symbol: "BTCUSDT",
      side: "sell",
      type: "limit",
      quantity: 0.003,
      price: 105_600,
    });
    venue.setTime(at(2));
    const first = await broker.fetchFills("BTCUSDT", 0);
    expect(first.map((f) => [f.quantity, f.timestamp])).toEqual([[0.001, at(2) - 1]]);
    expect(await broker.fetchOrder("BTCUSDT", "cw-tp-partial")).toMatchObject({
      status: "open",
      filledQuantity: 0.001,
    });
    venue.setTime(at(4));
    const all = await broker.fetchFills("BTCUSDT", 0);
    expect(all.map((f) => [f.quantity, f.timestamp])).toEqual([
      [0.001, at(2) - 1],
      [0.001, at(3) - 1],
      [0.001, at(4) - 1],
    ]);
    expect(new Set(all.map((f) => f.fillId)).size).toBe(3);
    expect(all[0]!.fillId).toBe(first[0]!.fillId);
    for (const fill of all) {
      // 0.001 × 105600 = 105.6 USDT; maker commission 0.1% = 0.1056 USDT.
      expect(fill).toMatchObject({
        clientOrderId: "cw-tp-partial",
        side: "sell",
        price: 105_600,
        feeCurrency: "USDT",
      });
      expect(fill.fee).toBeCloseTo(0.1056, 10);
    }
    // `since` is inclusive: from the second fill's time, the second and third.
    const later = await broker.fetchFills("BTCUSDT", all[1]!.timestamp);
    expect(later.map((f) => f.fillId)).toEqual([all[1]!.fillId, all[2]!.fillId]);
    expect(await broker.fetchOrder("BTCUSDT", "cw-tp-partial")).toMatchObject({
      status: "filled",
      averagePrice: 105_600,
    });
  });

  it("insufficient balance is rejected once, with nothing left at the venue", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    const error = await failure(broker.createOrder({ ...restingBuy("cw-poor"), quantity: 1 }));
    expect([error.kind, error.reason]).toEqual(["rejected", "insufficient_balance"]);
    expect(postsOf(venue).map((r) => r.binanceCode)).toEqual([-2010]);
    expect(venue.orders()).toEqual([]);
    expect(await broker.fetchOrder("BTCUSDT", "cw-poor")).toBeNull();
  });

  it("below the market's minimums: rejected before sending; a market order with no reference price is refused by the venue", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    // 0.00004 × 100000 = 4 USDT, below the 5 USDT NOTIONAL.
    const small = await failure(
      broker.createOrder({ ...restingBuy("cw-small"), quantity: 0.00004, price: 100_000 }),
    );
    expect([small.kind, small.reason]).toEqual(["rejected", "min_notional"]);
    // 0.000004 truncates to 0 at the 0.00001 lot step.
    const dust = await failure(broker.createOrder({ ...restingBuy("cw-dust"), quantity: 0.000004 }));
    expect([dust.kind, dust.reason]).toEqual(["rejected", "invalid_quantity"]);
    expect(postsOf(venue)).toEqual([]);
    // No price to check against: sent, and Binance's -1013 NOTIONAL (ccxt's BadRequest) comes back as min_notional.
    const market = await failure(
      broker.createOrder({
        clientOrderId: "cw-mkt-small",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.00004,
      }),
    );
    expect([market.kind, market.reason]).toEqual(["rejected", "min_notional"]);
    expect(postsOf(venue).map((r) => r.binanceCode)).toEqual([-1013]);
  });

  it("the venue restarts mid-request: transient; the order and balances survive and are found", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    await broker.createOrder(restingBuy("cw-before-restart"));
    venue.faults.hang(ORDER);
    const pending = failure(broker.createOrder(restingBuy("cw-during-restart")));
    await new Promise((resolve) => setTimeout(resolve, 100));
    venue.restart({ dropConnections: true });
    const error = await pending;
    expect([error.kind, error.reason]).toEqual(["transient", "network"]);
    const open = await broker.fetchOpenOrders("BTCUSDT");
    expect(open.map((o) => o.clientOrderId).sort()).toEqual(["cw-before-restart", "cw-during-restart"]);
    // Two resting buys of 0.001 × 90000 = 90 each, plus the 0.1% commission reserved: 180.18 locked.
    const usdt = (await broker.fetchBalance()).find((b) => b.currency === "USDT");
    expect(usdt).toMatchObject({ used: 180.18, total: 10_000 });
  });

  it("the network drops for a replayed minute: transient network until the venue's clock passes it", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    // The first call of this broker: its markets are not loaded yet, and ccxt would keep that failure for good.
    venue.faults.networkDown({ untilVenueTime: venue.now() + 60_000 });
    const error = await failure(broker.fetchBalance());
    expect([error.kind, error.reason]).toEqual(["transient", "network"]);
    venue.setTime(venue.now() + 60_000);
    await expect(broker.fetchBalance()).resolves.toContainEqual({
      currency: "USDT",
      free: 10_000,
      used: 0,
      total: 10_000,
    });
  });
});
