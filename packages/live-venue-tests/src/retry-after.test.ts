import { afterEach, describe, expect, it } from "vitest";
import { marketFillAt, venueExecutions } from "./support/expected-venue.js";
import { halfHourly } from "./support/strategies.js";
import { closedOf, csvOf, MINUTE, runOnVenue, START, type VenueRun } from "./support/venue-run.js";

// BTCUSDT, 2026-04-01 00:00 → 01:15 UTC, longs of 0.01 at 00:30 and 01:00 out by expiry ten minutes later. At
// 00:30 of venue time the venue answers 429 (-1003) with Retry-After: 300 (five ticks) and only for that minute:
// a broker that asks again at 00:31 would be answered (and, on Binance, edge towards a 418 ban). Honouring it,
// nothing reaches the venue before 00:35, when the entry is looked up, found missing and sent once.
const SYMBOL = "BTCUSDT";
const CSV = csvOf(SYMBOL);
const END = START + 75 * MINUTE;
const LIMITED_AT = START + 30 * MINUTE;
const RETRY_AFTER_MS = 300_000;

let run: VenueRun | undefined;
afterEach(async () => {
  await run?.venue.stop();
  run = undefined;
});

describe("Retry-After longer than a tick, in a whole live run on the emulator", () => {
  it("no request reaches the venue until the 300 s have passed; then the entry goes once", async () => {
    run = await runOnVenue({
      strategy: halfHourly,
      symbols: [SYMBOL],
      end: END,
      arm: (schedule, venue) =>
        schedule.at(LIMITED_AT, () =>
          venue.faults.rateLimit({ untilVenueTime: LIMITED_AT + MINUTE, retryAfterSeconds: 300 }),
        ),
    });
    expect(run.errors).toEqual([]);

    const limited = run.venue.log.filter((r) => r.status === 429);
    expect(limited.map((r) => [r.venueTime, `${r.method} ${r.path}`])).toEqual([
      [LIMITED_AT, "POST /api/v3/order"],
    ]);
    // The venue's log between the 429 and its Retry-After: nothing.
    const during = run.venue.log.filter(
      (r) => r.venueTime > LIMITED_AT && r.venueTime < LIMITED_AT + RETRY_AFTER_MS,
    );
    expect(during).toEqual([]);
    // The broker was asked on each of those ticks and refused locally (transient), never on the wire.
    const held = run.calls.filter((call) => call.at > LIMITED_AT && call.at < LIMITED_AT + RETRY_AFTER_MS);
    expect(new Set(held.map((call) => call.at))).toEqual(
      new Set([1, 2, 3, 4].map((i) => LIMITED_AT + i * MINUTE)),
    );
    expect(new Set(held.map((call) => call.outcome))).toEqual(new Set(["transient:rate_limited"]));
    const resumed = run.venue.log.find((r) => r.venueTime >= LIMITED_AT + RETRY_AFTER_MS)!;
    expect([resumed.venueTime, `${resumed.method} ${resumed.path}`]).toEqual([
      LIMITED_AT + RETRY_AFTER_MS,
      "GET /api/v3/order",
    ]);

    // The first entry fills at 00:35 (00:34's close); its close at 00:40 and the second trade are on time.
    const [first, second] = closedOf(run.results.get(SYMBOL));
    expect(venueExecutions(run.venue)).toEqual([
      marketFillAt(CSV, "buy", 0.01, LIMITED_AT + RETRY_AFTER_MS),
      marketFillAt(CSV, "sell", 0.01, START + 40 * MINUTE),
      marketFillAt(CSV, "buy", 0.01, START + 60 * MINUTE),
      marketFillAt(CSV, "sell", 0.01, START + 70 * MINUTE),
    ]);
    expect(first?.signal.entries[0]?.price).toBe(
      marketFillAt(CSV, "buy", 0.01, LIMITED_AT + RETRY_AFTER_MS).price,
    );
    expect(second?.signal.exits[0]?.timestamp).toBe(START + 70 * MINUTE);
    // Each entry, then its resting stop (STOP_LOSS), then the close: every order once.
    const posts = run.venue.log.filter((r) => r.method === "POST" && r.path === "/api/v3/order");
    expect(posts.map((r) => [r.venueTime, r.status, r.params.type])).toEqual([
      [LIMITED_AT, 429, "MARKET"],
      [LIMITED_AT + RETRY_AFTER_MS, 200, "MARKET"],
      [LIMITED_AT + RETRY_AFTER_MS, 200, "STOP_LOSS"],
      [START + 40 * MINUTE, 200, "MARKET"],
      [START + 60 * MINUTE, 200, "MARKET"],
      [START + 60 * MINUTE, 200, "STOP_LOSS"],
      [START + 70 * MINUTE, 200, "MARKET"],
    ]);
    expect(new Set(run.venue.orders().map((order) => order.clientOrderId)).size).toBe(6);
  });
});
