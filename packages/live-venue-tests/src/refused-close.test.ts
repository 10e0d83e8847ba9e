import { readFile } from "node:fs/promises";
import {
  type Broker,
  BrokerError,
  type CandlewickError,
  createMemoryPersist,
  type LiveState,
  liveStateKey,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { halfHourly } from "./support/strategies.js";
import { closedOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 00:50 UTC: one long of 0.01 at 00:30 (its stop s1 resting as a STOP_LOSS sell of
// 0.01), out by expiry at 00:40. Just before the run's first call at 00:40 an operator, on the same account,
// cancels s1 and sells 0.005 BTC by hand: the run's close (sell 0.01) finds 0.005 free, and Binance refuses it
// (-2010, insufficient balance). Periodic reconciliation is off, so nothing else stops the run first (with it on, the
// pass at 00:40 stops it with RECONCILIATION_FAILED, naming the hand trade: periodic-reconciliation.test.ts).
const SYMBOL = "BTCUSDT";
const END = START + 50 * MINUTE;
const CLOSE_AT = START + 40 * MINUTE;
const ORDER = "/api/v3/order";

/** The run's broker; before its first call at or after `at`, an operator cancels the stop and sells 0.005 BTC. */
const operatorAt =
  (at: number) =>
  (broker: Broker, now: () => number): Broker => {
    let done = false;
    return new Proxy(broker, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function" || name === "close") return value;
        return async (...args: unknown[]) => {
          if (!done && now() >= at) {
            done = true;
            for (const order of await target.fetchOpenOrders(SYMBOL)) {
              await target.cancelOrder(SYMBOL, order.clientOrderId);
            }
            await target.createOrder({
              clientOrderId: "manual-sell-1",
              symbol: SYMBOL,
              side: "sell",
              type: "market",
              quantity: 0.005,
            });
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

describe("a close the venue refuses, in a whole live run on the emulator", () => {
  it("sent once a tick, 4 times in all, each refusal on listenError; then CLOSE_REJECTED; the close never delivered; a restart stops at once", async () => {
    const persist = createMemoryPersist();
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      persist,
      live: { reconcileEveryMs: false },
      wrapBroker: operatorAt(CLOSE_AT),
    });
    const orders = run.venue.log.filter(
      (r) => r.path === ORDER && (r.method === "POST" || r.method === "DELETE"),
    );
    const legOf = (id: string | undefined) => id?.split("-").at(-1);
    // The entry and its stop at 00:30; at 00:40 the operator's cancel and sale, then the run's close, refused; the
    // same close (same client id) again at 00:41, 00:42 and 00:43, refused each time; nothing after.
    expect(
      orders.map((r) => [
        (r.venueTime - START) / MINUTE,
        r.method,
        legOf(r.params.newClientOrderId ?? r.params.origClientOrderId),
        r.status,
        r.binanceCode ?? null,
      ]),
    ).toEqual([
      [30, "POST", "e", 200, null],
      [30, "POST", "s1", 200, null],
      [40, "DELETE", "s1", 200, null],
      [40, "POST", "1", 200, null],
      [40, "POST", "c", 400, -2010],
      [41, "POST", "c", 400, -2010],
      [42, "POST", "c", 400, -2010],
      [43, "POST", "c", 400, -2010],
    ]);
    const closeIds = new Set(orders.slice(4).map((r) => r.params.newClientOrderId));
    expect(closeIds.size).toBe(1);
    const [closeId] = closeIds;

    // Each refusal reported on listenError, with the venue's reason; then the run's end, CLOSE_REJECTED, which says
    // the position is still held and names the runbook.
    const refusals = run.errors.filter((error) => error instanceof BrokerError);
    expect(refusals.map((error) => [error.kind, error.reason])).toEqual(
      Array.from({ length: 4 }, () => ["rejected", "insufficient_balance"]),
    );
    for (const refusal of refusals) expect(refusal.message).toContain(`order ${closeId} (close of signal`);
    const fatal = run.errors.at(-1) as CandlewickError;
    expect(fatal.code).toBe("CLOSE_REJECTED");
    expect(fatal.message).toContain(`the venue refused the close ${closeId} (sell 0.01 BTCUSDT) 4 times`);
    expect(fatal.message).toContain("The position is still held at the venue");
    expect(fatal.message).toContain('runbook "CLOSE_REJECTED"');
    expect(run.errors).toHaveLength(5);
    const runbook = await readFile(new URL("../../../architecture/live.md", import.meta.url), "utf8");
    expect(runbook).toContain("### Runbook: a run stopped with `CLOSE_REJECTED`");

    // The consumer heard of the opening only: a close that did not happen is not delivered.
    const results = run.results.get(SYMBOL)!;
    expect(results.map((r) => r.action)).toEqual(["opened"]);
    expect(closedOf(results)).toEqual([]);
    // The state is honest: the close waits in it, withheld, and its intent is final — refused 4 times with the
    // venue's reason; the venue still holds what the operator left (0.01 bought, 0.005 sold by hand).
    const state = (await persist.read(
      liveStateKey({ strategyName: halfHourly.strategyName, symbol: SYMBOL }),
    )) as unknown as LiveState;
    expect(state.withheld?.map((event) => event.action)).toEqual(["closed"]);
    const close = state.orders?.find((intent) => intent.clientOrderId === closeId);
    expect(close).toMatchObject({
      status: "rejected",
      attempts: 4,
      rejection: { reason: "insufficient_balance" },
    });
    expect(run.venue.balances().BTC).toEqual({ free: "0.00500000", locked: "0.00000000" });

    // Started again on that state (step 3 of the runbook not done): it stops at once, on its first tick, with the
    // same error, and sends nothing: the refusals are counted in the state.
    await run.venue.stop();
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      start: START + 45 * MINUTE,
      end: END,
      persist,
      live: { reconcileEveryMs: false },
    });
    expect(run.venue.log.filter((r) => r.path === ORDER && r.method !== "GET")).toEqual([]);
    expect(run.errors.map((error) => (error as CandlewickError).code)).toEqual(["CLOSE_REJECTED"]);
    expect(run.results.get(SYMBOL) ?? []).toEqual([]);
  });
});
