import { BrokerError, type CancelledResult } from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { halfHourly } from "./support/strategies.js";
import { closedOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 00:45 UTC: one long of 0.01 at 00:30 (about 680 USDT) out by expiry at 00:40, on a
// venue account holding 100 USDT. Binance refuses the buy (-2010, insufficient balance): the refusal must be
// reported with the venue's reason, never sent again, and cancel the signal (entry_rejected).
const SYMBOL = "BTCUSDT";
const END = START + 45 * MINUTE;
const ORDER = { method: "POST", path: "/api/v3/order" } as const;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("a rejection for insufficient balance, in a whole live run on the emulator", () => {
  it("each leg is sent once and refused once, the reason is reported on listenError, nothing is retried", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      venue: { balances: { USDT: "100" } },
    });
    const posts = run.venue.log.filter((r) => r.method === ORDER.method && r.path === ORDER.path);
    // The entry at 00:30, refused (there is not the USDT to pay for it), and nothing else: the signal is cancelled,
    // so there is no position and no close to send.
    expect(posts.map((r) => [r.venueTime, r.params.side, r.status, r.binanceCode])).toEqual([
      [START + 30 * MINUTE, "BUY", 400, -2010],
    ]);
    // After it, nothing at all is asked about it: a rejection is final.
    const after = run.venue.log.filter((r) => r.venueTime > START + 30 * MINUTE);
    expect(after.filter((r) => r.path === ORDER.path)).toEqual([]);

    const rejections = run.errors.filter((error) => BrokerError.isInstance(error)) as BrokerError[];
    expect(rejections).toHaveLength(run.errors.length);
    expect(rejections.map((error) => [error.kind, error.reason])).toEqual([
      ["rejected", "insufficient_balance"],
    ]);
    const entryId = posts[0]!.params.newClientOrderId!;
    expect(rejections[0]!.message).toContain(`order ${entryId} (entry of signal`);
    expect(rejections[0]!.message).toContain("buy 0.01 BTCUSDT");
    expect(rejections[0]!.message).toMatch(/insufficient balance/i);

    // The account is untouched.
    expect(run.venue.orders()).toEqual([]);
    expect(run.venue.balances().USDT).toEqual({ free: "100.00000000", locked: "0.00000000" });
    // The run's row: cancelled with the venue's reason, never opened, never closed.
    const results = run.results.get(SYMBOL)!;
    expect(closedOf(results)).toEqual([]);
    expect(results.map((r) => r.action)).toEqual(["cancelled"]);
    const [cancelled] = results as CancelledResult[];
    expect(cancelled!.cancelReason).toBe("entry_rejected");
    expect(cancelled!.rejection?.reason).toBe("insufficient_balance");
  });
});
