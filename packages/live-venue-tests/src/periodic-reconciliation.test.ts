import type { Broker, CandlewickError, OrderRequest } from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { halfHourly } from "./support/strategies.js";
import { closedOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC, longs of 0.01 at 00:30 and 01:00 out by expiry ten minutes later, each
// with its resting stop (STOP_LOSS). Reconciliation runs at start (00:00) and every 5 minutes of the run's clock
// (the default): 00:05, 00:10, ..., each after that minute's tick. While the first position is open, something is planted at the venue through
// the run's own broker, so the venue sees an ordinary signed request: an orphan (a resting order with the
// deployment's prefix that no journal holds: a run that died between placing and recording it) or a trade by
// hand (an unexplained change of the BTC balance).
const SYMBOL = "BTCUSDT";
const END = START + 75 * MINUTE;
const ENTRY = START + 30 * MINUTE;
const ORPHAN_ID = "cw0123456789abcdef0123-e";
const ORPHAN: OrderRequest = {
  clientOrderId: ORPHAN_ID,
  symbol: SYMBOL,
  side: "buy",
  type: "limit",
  quantity: 0.001,
  price: 50_000,
};
const BY_HAND: OrderRequest = {
  clientOrderId: "manual-trade-1",
  symbol: SYMBOL,
  side: "buy",
  type: "market",
  quantity: 0.002,
};

/** The run's broker, which places `request` itself before the first call of the run at or after `at`. */
const plantingAt =
  (at: number, request: OrderRequest) =>
  (broker: Broker, now: () => number): Broker => {
    let planted = false;
    return new Proxy(broker, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function" || name === "close") return value;
        return async (...args: unknown[]) => {
          if (!planted && now() >= at) {
            planted = true;
            await target.createOrder(request);
          }
          return value.apply(target, args);
        };
      },
    });
  };

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

const requestsOf = (venueRun: VenueRun, clientOrderId: string) =>
  venueRun.venue.log
    .filter(
      (r) => r.params.newClientOrderId === clientOrderId || r.params.origClientOrderId === clientOrderId,
    )
    .map((r) => [r.venueTime, r.method, r.status]);

describe("periodic reconciliation, in a whole live run on the emulator", () => {
  it("an orphan with our prefix planted at 00:31 is cancelled by the pass at 00:35; the position and its stop are untouched", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      wrapBroker: plantingAt(ENTRY + MINUTE, ORPHAN),
    });
    expect(run.errors).toEqual([]);
    expect(requestsOf(run, ORPHAN_ID)).toEqual([
      [ENTRY + MINUTE, "POST", 200],
      [ENTRY + 5 * MINUTE, "DELETE", 200],
    ]);
    const orders = run.venue.orders();
    expect(orders.find((o) => o.clientOrderId === ORPHAN_ID)?.status).toBe("CANCELED");
    // The run's own orders: two entries, two stops, two closes, each once; the stops cancelled by the run before
    // each close (at 00:40 and 01:10), not by the pass.
    const own = orders.filter((o) => o.clientOrderId !== ORPHAN_ID);
    expect(own.map((o) => [o.type, o.status])).toEqual([
      ["MARKET", "FILLED"],
      ["STOP_LOSS", "CANCELED"],
      ["MARKET", "FILLED"],
      ["MARKET", "FILLED"],
      ["STOP_LOSS", "CANCELED"],
      ["MARKET", "FILLED"],
    ]);
    const stopId = own[1]!.clientOrderId;
    expect(requestsOf(run, stopId).filter((r) => r[1] === "DELETE")).toEqual([
      [START + 40 * MINUTE, "DELETE", 200],
    ]);
    expect(closedOf(run.results.get(SYMBOL))).toHaveLength(2);
    // One pass every 5 minutes: each reads the open orders once (00:05 … 01:15, fifteen passes).
    const openOrderReads = run.venue.log.filter((r) => r.method === "GET" && r.path === "/api/v3/openOrders");
    const passes = openOrderReads.filter((r) => r.venueTime > START).map((r) => r.venueTime);
    expect(passes).toEqual(Array.from({ length: 15 }, (_, i) => START + (i + 1) * 5 * MINUTE));
  });

  it("with reconcileEveryMs: false only the start reconciles: the orphan stays open to the end", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      wrapBroker: plantingAt(ENTRY + MINUTE, ORPHAN),
      live: { reconcileEveryMs: false },
    });
    expect(run.errors).toEqual([]);
    expect(requestsOf(run, ORPHAN_ID)).toEqual([[ENTRY + MINUTE, "POST", 200]]);
    expect(run.venue.orders().find((o) => o.clientOrderId === ORPHAN_ID)?.status).toBe("NEW");
    expect(run.venue.log.filter((r) => r.path === "/api/v3/openOrders" && r.venueTime > START).length).toBe(
      0,
    );
  });

  it("a trade by hand (0.002 BTC bought at 00:31) stops the run at the pass at 00:35 with RECONCILIATION_FAILED", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      wrapBroker: plantingAt(ENTRY + MINUTE, BY_HAND),
    });
    expect(run.errors.map((error) => (error as CandlewickError).code)).toEqual(["RECONCILIATION_FAILED"]);
    const [failure] = run.errors as CandlewickError[];
    // By hand: the entry bought 0.01 BTC (the venue charges its commission in USDT), the trade by hand 0.002
    // more: the venue holds 0.012, the deployment's fills since the pass at 00:30 explain 0.01.
    expect(failure!.details.balanceMismatches).toEqual([
      {
        symbol: SYMBOL,
        currency: "BTC",
        expected: 0.01,
        actual: 0.012,
        since: ENTRY,
        foreignFills: ["manual-trade-1 buy 0.002"],
      },
    ]);
    expect(failure!.message).toContain("the BTC balance is 0.012");
    expect(failure!.message).toContain("trades not placed by this deployment: manual-trade-1 buy 0.002");
    // The run stopped there: the position is still open (its stop rests), nothing was sold, no later signal.
    expect(closedOf(run.results.get(SYMBOL))).toEqual([]);
    const sells = run.venue.orders().filter((o) => o.side === "SELL");
    expect(sells.map((o) => [o.type, o.status])).toEqual([["STOP_LOSS", "NEW"]]);
    expect(run.venue.log.at(-1)!.venueTime).toBe(ENTRY + 5 * MINUTE);
  });
});
