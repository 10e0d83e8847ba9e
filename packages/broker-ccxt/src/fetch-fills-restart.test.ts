import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { at, binanceOn, brokerOn, startVenue } from "./test-support/emulator.js";

// After a restart the broker knows no venue order id: Binance's myTrades rows carry only the venue's order id, and
// the client id is on the order. Before, fetchFills read each of those orders with one GET /api/v3/order; now
// one GET /api/v3/allOrders per symbol from the lowest unknown id.

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

const requestsOf = (emulator: VenueEmulator, from: number) => {
  const counts: Record<string, number> = {};
  for (const r of emulator.log.slice(from)) {
    const key = `${r.method} ${r.path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe("ccxt broker fetchFills after a restart", () => {
  it("twelve filled orders on two symbols: one myTrades and one allOrders per symbol, no GET order", async () => {
    let now = at(5);
    venue = await startVenue({ startTime: now, clock: () => now });
    // The run before the restart, on its own ccxt instance: 8 BTC orders, 4 ETH orders, one a minute, plus an
    // operator's ETH order by hand (its trades must map to its own client id, not be dropped or ours).
    const before = brokerOn(venue, { milliseconds: () => now });
    const placed: Record<string, string[]> = { BTCUSDT: [], ETHUSDT: [] };
    for (let i = 0; i < 12; i++) {
      const symbol = i % 3 === 2 ? "ETHUSDT" : "BTCUSDT";
      const clientOrderId = `cw-restart-${i}`;
      await before.createOrder({
        clientOrderId,
        symbol,
        side: i % 2 === 0 ? "buy" : "sell",
        type: "market",
        // The first buy is larger, so every later BTC sell has base to sell.
        quantity: symbol === "ETHUSDT" ? 0.01 : i === 0 ? 0.01 : 0.001,
      });
      now += 60_000;
    }
    await binanceOn(venue, { milliseconds: () => now }).createOrder(
      "ETH/USDT",
      "market",
      "buy",
      0.01,
      undefined,
      { clientOrderId: "by-hand" },
    );
    const ours = venue.orders().filter((o) => o.clientOrderId.startsWith("cw-"));
    for (const o of ours) placed[o.symbol]!.push(o.clientOrderId);

    const restarted = brokerOn(venue, { milliseconds: () => now });
    await restarted.fetchBalance(); // markets loaded: exchangeInfo is not what is counted
    const from = venue.log.length;
    const btc = await restarted.fetchFills("BTCUSDT", 0);
    const eth = await restarted.fetchFills("ETHUSDT", 0);
    expect(requestsOf(venue, from)).toEqual({
      "GET /api/v3/myTrades": 2,
      "GET /api/v3/allOrders": 2,
    });
    // Every execution mapped to the client id the venue holds for its order (the venue's own record).
    const expected = (symbol: string) =>
      venue!
        .trades()
        .filter((t) => t.symbol === symbol)
        .map((t) => venue!.orders().find((o) => o.orderId === t.orderId)!.clientOrderId);
    expect(btc.map((f) => f.clientOrderId)).toEqual(expected("BTCUSDT"));
    expect(eth.map((f) => f.clientOrderId)).toEqual(expected("ETHUSDT"));
    expect(new Set(btc.map((f) => f.clientOrderId))).toEqual(new Set(placed.BTCUSDT));
    expect(new Set(eth.map((f) => f.clientOrderId))).toEqual(new Set([...placed.ETHUSDT!, "by-hand"]));

    // Known now: a second pass reads the trades only.
    const again = venue.log.length;
    await restarted.fetchFills("BTCUSDT", 0);
    expect(requestsOf(venue, again)).toEqual({ "GET /api/v3/myTrades": 1 });
  });
});
