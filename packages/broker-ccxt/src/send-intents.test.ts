import { clientOrderIdOf } from "@candlewick/core";
import { type OrderIntent, OrderJournal, sendIntents } from "@candlewick/core/internal";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { at, brokerOn, startVenue } from "./test-support/emulator.js";

// Core's order flow (sendIntents, the kernel's way to a broker) through this broker and ccxt.binance to the
// emulator, with the venue's answers lost and rate-limited: the venue must end with each order exactly once.

const SIGNAL = "6a1f1d3e-0c55-4a6b-9f0e-3b8d2c7a9e14";

function intent(leg: Parameters<typeof clientOrderIdOf>[1], side: "buy" | "sell"): OrderIntent {
  const clientOrderId = clientOrderIdOf(SIGNAL, leg);
  return {
    clientOrderId,
    signalId: SIGNAL,
    leg,
    request: { clientOrderId, symbol: "BTCUSDT", side, type: "market", quantity: 0.001 },
    status: "pending",
    fills: [],
    attempts: 0,
  };
}

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

describe("sendIntents through the ccxt broker and the emulator", () => {
  it("an entry whose answer was lost and an exit behind a 429: each placed once, each fill taken once", async () => {
    // One clock for the venue and ccxt: the broker holds its requests for the 429's Retry-After (1 s) on it.
    let now = at(1);
    venue = await startVenue({ startTime: now, clock: () => now });
    const broker = brokerOn(venue, { milliseconds: () => now });
    const journal = new OrderJournal();
    journal.restore([intent({ kind: "entry" }, "buy"), intent({ kind: "close" }, "sell")]);
    const saves: string[] = [];
    const save = async () => {
      saves.push(JSON.stringify(journal.snapshot()));
    };

    venue.faults.dropResponse({ method: "POST", path: "/api/v3/order" });
    const first = await sendIntents(broker, journal, save);
    // The entry may be at the venue: unknown; the close waits for it (a signal's legs go in order).
    expect(first).toMatchObject({ sent: 0, unknown: 1 });
    expect(venue.orders()).toHaveLength(1);

    venue.faults.rateLimit({ method: "POST", path: "/api/v3/order", times: 1 });
    const second = await sendIntents(broker, journal, save);
    // Looked up by client id and adopted, its fill collected; the close then hit the 429.
    expect(second).toMatchObject({ adopted: 1, sent: 0, unknown: 1 });

    // Within the Retry-After nothing is sent: the close stays unknown, and the venue sees no request.
    const requests = venue.log.length;
    expect(await sendIntents(broker, journal, save)).toMatchObject({ sent: 0, unknown: 1 });
    expect(venue.log.length).toBe(requests);
    now += 1000;

    const third = await sendIntents(broker, journal, save);
    expect(third).toMatchObject({ sent: 1, unknown: 0 });
    await sendIntents(broker, journal, save);

    const [entry, close] = journal.all();
    expect([entry!.status, close!.status]).toEqual(["filled", "filled"]);
    // The close: sent into the 429, then (looked up, not found) once more after the Retry-After.
    expect([entry!.attempts, close!.attempts]).toEqual([1, 2]);
    // 00:00 close 105554.32: both market orders fill there (no slippage configured).
    expect(entry!.fills.map((f) => [f.price, f.quantity])).toEqual([[105_554.32, 0.001]]);
    expect(close!.fills.map((f) => [f.price, f.quantity])).toEqual([[105_554.32, 0.001]]);
    // At the venue: each client order id once, and exactly one execution each.
    expect(venue.orders().map((o) => [o.clientOrderId, o.status])).toEqual([
      [entry!.clientOrderId, "FILLED"],
      [close!.clientOrderId, "FILLED"],
    ]);
    expect(venue.trades()).toHaveLength(2);
    expect(
      venue.log.filter((r) => r.method === "POST" && r.path === "/api/v3/order").map((r) => r.outcome),
    ).toEqual([
      "dropped",
      "answered", // the 429
      "answered",
    ]);
    expect(saves.length).toBeGreaterThan(0);
  });
});
