import { InvalidArgumentError } from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { createVenueEmulator, type VenueEmulator } from "./create-venue-emulator.js";
import { API_KEY, at, BTC_CSV, SECRET, signedRequest, startEmulator } from "./test-support/setup.js";

let emulator: VenueEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const order = (params: Record<string, string>) => ({ symbol: "BTCUSDT", side: "BUY", ...params });

describe("Binance wire format (requests made by hand)", () => {
  it("checks LOT_SIZE, PRICE_FILTER and NOTIONAL from the recorded exchangeInfo filters", async () => {
    emulator = await startEmulator();
    const venue = emulator;
    const post = (params: Record<string, string>) =>
      signedRequest(venue, "POST", "/api/v3/order", order(params));
    const limit = { type: "LIMIT", timeInForce: "GTC" };
    // BTCUSDT: tick 0.01, step 0.00001, min notional 5.
    expect((await post({ ...limit, quantity: "0.000015", price: "100000" })).body).toEqual({
      code: -1013,
      msg: "Filter failure: LOT_SIZE",
    });
    expect((await post({ ...limit, quantity: "0.001", price: "100000.005" })).body.msg).toBe(
      "Filter failure: PRICE_FILTER",
    );
    expect((await post({ ...limit, quantity: "0.00004", price: "100000" })).body.msg).toBe(
      "Filter failure: NOTIONAL",
    );
    expect((await post({ ...limit, quantity: "1,0", price: "100000" })).body.code).toBe(-1100);
    expect((await post({ type: "LIMIT", quantity: "0.001", price: "100000" })).body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
    });
    const accepted = await post({
      ...limit,
      quantity: "0.00005",
      price: "100000",
      newOrderRespType: "RESULT",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      symbol: "BTCUSDT",
      orderListId: -1,
      price: "100000.00000000",
      origQty: "0.00005000",
      executedQty: "0.00000000",
      status: "NEW",
      type: "LIMIT",
      side: "BUY",
      transactTime: venue.now(),
    });
  });

  it("spends a market order's quoteOrderQty on whole lot steps (as ccxt sends market buys given a price)", async () => {
    emulator = await startEmulator();
    const filled = await signedRequest(
      emulator,
      "POST",
      "/api/v3/order",
      order({ type: "MARKET", quoteOrderQty: "100" }),
    );
    // 100 / 105554.32 = 0.00094737… → 0.00094 on the 0.00001 step; cost 0.00094 × 105554.32 = 99.2210608
    expect(filled.body).toMatchObject({
      status: "FILLED",
      executedQty: "0.00094000",
      cummulativeQuoteQty: "99.22106080",
    });
    expect((filled.body.fills as unknown[]).length).toBe(1);
  });

  it("serves klines from the candles closed on the venue's clock only", async () => {
    emulator = await startEmulator({ startTime: at(3) + 30_000 });
    const response = await fetch(`${emulator.url}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10`);
    const rows = (await response.json()) as unknown[][];
    // 00:03:30: candles 00:00, 00:01, 00:02 are closed; 00:03 is still forming.
    expect(rows.map((row) => row[0])).toEqual([at(0), at(1), at(2)]);
    expect(rows[0]!.slice(0, 7)).toEqual([
      at(0),
      "105573.73000000",
      "105597.10000000",
      "105554.31000000",
      "105554.32000000",
      "10.82647000",
      at(1) - 1,
    ]);
  });

  it("logs every request with the signature redacted and never the secret", async () => {
    emulator = await startEmulator();
    await signedRequest(emulator, "GET", "/api/v3/account", {});
    const [entry] = emulator.log;
    expect(entry).toMatchObject({
      method: "GET",
      path: "/api/v3/account",
      status: 200,
      outcome: "answered",
      applied: true,
    });
    expect(entry!.params.signature).toBe("[redacted]");
    expect(JSON.stringify(emulator.log)).not.toContain(SECRET);
    expect(JSON.stringify(emulator.log)).not.toContain(API_KEY);
  });

  it("refuses a timestamp ahead of the venue by 1 s or more, and a recvWindow above 60 s", async () => {
    emulator = await startEmulator();
    const ahead = await signedRequest(
      emulator,
      "GET",
      "/api/v3/account",
      {},
      { timestamp: emulator.now() + 1000 },
    );
    expect(ahead.body.code).toBe(-1021);
    const wide = await signedRequest(emulator, "GET", "/api/v3/account", { recvWindow: "60001" });
    expect(wide.body).toEqual({ code: -1131, msg: "recvWindow must be less than 60000" });
  });

  it("names the bad option", () => {
    const create = (candles: Record<string, unknown>) => () =>
      createVenueEmulator({ apiKey: API_KEY, secret: SECRET, candles: candles as never });
    expect(create({ DOGEUSDT: BTC_CSV })).toThrow(InvalidArgumentError);
    expect(create({ DOGEUSDT: BTC_CSV })).toThrow(/candles\.DOGEUSDT.*BTCUSDT, ETHUSDT, SOLUSDT, ETHBTC/);
    expect(() =>
      createVenueEmulator({ apiKey: "bad key!", secret: SECRET, candles: { BTCUSDT: BTC_CSV } }),
    ).toThrow(/"apiKey" is \[redacted\]/);
  });
});
