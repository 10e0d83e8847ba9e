import { InvalidArgumentError } from "@candlewick/core";
import { binanceCcxtConfig, type VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { createCcxtBroker } from "./ccxt-broker.js";
import { API_KEY, at, binanceOn, brokerOn, SECRET, startVenue } from "./test-support/emulator.js";

// BTCUSDT 1m candles of data/candles (2025-05-20 UTC): 00:09 close 105970.52; 00:10 opens 105970.51 and falls to
// 105939.56; 00:00 close 105554.32.

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

describe("createCcxtBroker on ccxt.binance (the real class) against the emulator", () => {
  it("places a stop_market sell as Binance's STOP_LOSS, reads it back by type, and it fills at the trigger", async () => {
    venue = await startVenue({ balances: { BTC: "0.01" }, startTime: at(10) });
    const broker = brokerOn(venue);
    const placed = await broker.createOrder({
      clientOrderId: "cw-sl",
      symbol: "BTCUSDT",
      side: "sell",
      type: "stop_market",
      quantity: 0.01,
      triggerPrice: 105_950,
    });
    expect(placed).toMatchObject({ type: "stop_market", status: "open", triggerPrice: 105_950 });
    expect(placed.price).toBeUndefined();
    expect(venue.orders()[0]).toMatchObject({
      type: "STOP_LOSS",
      side: "SELL",
      stopPrice: "105950.00000000",
    });
    expect((await broker.fetchOpenOrders())[0]).toMatchObject({
      clientOrderId: "cw-sl",
      type: "stop_market",
    });
    // The 00:10 candle falls through 105950: STOP_LOSS fills whole at its stop price.
    venue.setTime(at(11));
    expect(await broker.fetchOrder("BTCUSDT", "cw-sl")).toMatchObject({
      status: "filled",
      filledQuantity: 0.01,
      averagePrice: 105_950,
    });
  });

  it("places a take_profit_limit as TAKE_PROFIT_LIMIT (price and trigger at the tick) and cancels it by client id", async () => {
    venue = await startVenue({ balances: { BTC: "0.01" } });
    const broker = brokerOn(venue);
    await broker.createOrder({
      clientOrderId: "cw-tp",
      symbol: "BTC/USDT",
      side: "sell",
      type: "take_profit_limit",
      quantity: 0.0100009, // truncated to the 0.00001 lot: 0.01
      price: 106_400.004, // rounded to the 0.01 tick
      triggerPrice: 106_500,
    });
    expect(venue.orders()[0]).toMatchObject({
      type: "TAKE_PROFIT_LIMIT",
      origQty: "0.01000000",
      price: "106400.00000000",
      stopPrice: "106500.00000000",
      clientOrderId: "cw-tp",
    });
    const open = await broker.fetchOpenOrders("BTC/USDT");
    expect(open).toEqual([
      expect.objectContaining({
        clientOrderId: "cw-tp",
        symbol: "BTC/USDT",
        type: "take_profit_limit",
        price: 106_400,
        triggerPrice: 106_500,
        quantity: 0.01,
      }),
    ]);
    expect(await broker.cancelOrder("BTC/USDT", "cw-tp")).toMatchObject({
      clientOrderId: "cw-tp",
      status: "cancelled",
    });
    expect((await broker.fetchBalance()).find((b) => b.currency === "BTC")).toMatchObject({
      free: 0.01,
      used: 0,
    });
  });

  it("cancelling an order that already filled resolves with it as it ended (Binance answers -2011)", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    await broker.createOrder({
      clientOrderId: "cw-mkt",
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.001,
    });
    expect(await broker.cancelOrder("BTCUSDT", "cw-mkt")).toMatchObject({
      clientOrderId: "cw-mkt",
      status: "filled",
      averagePrice: 105_554.32,
    });
    expect(venue.log.filter((r) => r.method === "DELETE").map((r) => r.binanceCode)).toEqual([-2011]);
  });

  it("maps fills of an order it never saw (placed by hand) to that order's client id", async () => {
    venue = await startVenue();
    await binanceOn(venue).createOrder("BTC/USDT", "market", "buy", 0.001, undefined, {
      clientOrderId: "by-hand",
    });
    const broker = brokerOn(venue);
    const fills = await broker.fetchFills("BTCUSDT", 0);
    expect(fills).toHaveLength(1);
    // 0.001 × 105554.32 = 105.55432; taker commission 0.1% = 0.10555432.
    expect(fills[0]).toMatchObject({
      clientOrderId: "by-hand",
      symbol: "BTCUSDT",
      price: 105_554.32,
      quantity: 0.001,
    });
    expect(fills[0]!.fee).toBeCloseTo(0.10555432, 10);
    expect(fills[0]!.venueOrderId).toBe(String(venue.orders()[0]!.orderId));
  });

  it("refuses an unknown symbol and a malformed request before anything is sent", async () => {
    venue = await startVenue();
    const broker = brokerOn(venue);
    await expect(broker.fetchOrder("DOGEUSDT", "cw-x")).rejects.toMatchObject({
      kind: "rejected",
      reason: "other",
    });
    const noPrice = broker.createOrder({
      clientOrderId: "cw-y",
      symbol: "BTCUSDT",
      side: "buy",
      type: "limit",
      quantity: 0.001,
    });
    await expect(noPrice).rejects.toThrow(InvalidArgumentError);
    await expect(noPrice).rejects.toThrow(/request\.price/);
    const longId = broker.createOrder({
      clientOrderId: "x".repeat(37),
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.001,
    });
    await expect(longId).rejects.toThrow(/1 to 36 characters/);
    expect(venue.log.filter((r) => r.path === "/api/v3/order")).toEqual([]);
  });
});

describe("createCcxtBroker options", () => {
  it("builds its own ccxt.binance from exchangeId, with keys from CANDLEWICK_BINANCE_API_KEY / _SECRET", async () => {
    venue = await startVenue();
    const {
      apiKey: _key,
      secret: _secret,
      ...ccxtOptions
    } = binanceCcxtConfig(venue, { enableRateLimit: false });
    const broker = createCcxtBroker({
      exchangeId: "binance",
      ccxtOptions,
      env: {
        CANDLEWICK_BINANCE_API_KEY: API_KEY,
        CANDLEWICK_BINANCE_API_SECRET: SECRET,
        CANDLEWICK_API_KEY: "otherKey",
      },
    });
    expect(broker).toMatchObject({ brokerName: "binance", venueId: "binance", marketType: "spot" });
    expect(broker.capabilities).toEqual({
      orderTypes: ["market", "limit", "stop_market", "stop_limit", "take_profit_market", "take_profit_limit"],
      positions: false,
      maxClientOrderIdLength: 36,
    });
    expect(broker.fetchPositions).toBeUndefined();
    expect(await broker.fetchBalance()).toContainEqual({
      currency: "USDT",
      free: 10_000,
      used: 0,
      total: 10_000,
    });
    // The generic names are the fallback.
    const generic = createCcxtBroker({
      exchangeId: "binance",
      ccxtOptions,
      env: { CANDLEWICK_API_KEY: API_KEY, CANDLEWICK_API_SECRET: SECRET },
    });
    await expect(generic.fetchBalance()).resolves.toBeDefined();
  });

  it("names the environment variables when a key is missing", () => {
    expect(() => createCcxtBroker({ exchangeId: "binance", env: {} })).toThrow(
      /"apiKey".*CANDLEWICK_BINANCE_API_KEY, CANDLEWICK_API_KEY/,
    );
    expect(() => createCcxtBroker({ exchangeId: "binanceusdm", env: { CANDLEWICK_API_KEY: "k" } })).toThrow(
      /"secret".*CANDLEWICK_BINANCEUSDM_API_SECRET, CANDLEWICK_API_SECRET/,
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ["exchange", {}],
    ["exchange", { exchangeId: "binance", exchange: {} }],
    ["exchangeId", { exchangeId: "kraken" }],
    ["brokerName", { exchangeId: "binance", apiKey: "k", secret: "s", brokerName: "my broker" }],
    ["exchangeIdd", { exchangeIdd: "binance" }],
  ])("a bad option names %s", (field, options) => {
    let caught: unknown;
    try {
      createCcxtBroker(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).field).toBe(field);
  });

  it("makes a USDⓈ-M broker with positions (not exercised against a venue: the emulator has no fapi)", () => {
    const broker = createCcxtBroker({ exchangeId: "binanceusdm", apiKey: "k", secret: "s" });
    expect(broker).toMatchObject({ venueId: "binanceusdm", marketType: "swap" });
    expect(broker.capabilities).toMatchObject({ positions: true, orderTypes: ["market", "limit"] });
    expect(typeof broker.fetchPositions).toBe("function");
  });
});
