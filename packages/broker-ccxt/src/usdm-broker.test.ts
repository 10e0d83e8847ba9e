import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { BrokerError, InvalidArgumentError } from "@candlewick/core";
import { binanceUsdmCcxtConfig, type VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { createCcxtBroker } from "./ccxt-broker.js";
import { PERP_BTC_CSV, pat, startUsdmVenue, usdmBrokerOn } from "./test-support/usdm-emulator.js";

// Real BTCUSDT perpetual candles (2025-05-04, data/candles/sets/perp-2025-05). The venue starts at 15:34, after
// the 15:33 candle (close 95502.7): market orders fill at the last close, resting limits at their limit on the
// first later candle that reaches them. Fees: taker 0.05%, maker 0.02% (Binance's base rates).

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

/** The candles read straight from the CSV, independently of the emulator's loader. */
function perpCandles(): { time: number; low: number; close: number }[] {
  const lines = gunzipSync(readFileSync(PERP_BTC_CSV)).toString("utf8").trim().split("\n").slice(1, 500);
  return lines.map((line) => {
    const [time, , , low, close] = line.split(",").map(Number);
    return { time: time!, low: low!, close: close! };
  });
}

async function rejection(call: Promise<unknown>): Promise<BrokerError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(BrokerError.isInstance(error), String(error)).toBe(true);
  return error as BrokerError;
}

describe("createCcxtBroker on ccxt.binanceusdm against the emulator (USDⓈ-M)", () => {
  it("offers market and limit with positions, and refuses a stop before sending (the algo API is not mapped)", async () => {
    venue = await startUsdmVenue();
    const broker = usdmBrokerOn(venue);
    expect(broker.capabilities).toMatchObject({ orderTypes: ["market", "limit"], positions: true });
    expect(broker.marketType).toBe("swap");
    await expect(
      broker.createOrder({
        clientOrderId: "u-stop",
        symbol: "BTCUSDT",
        side: "sell",
        type: "stop_market",
        quantity: 0.01,
        triggerPrice: 90_000,
      }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(venue.log.filter((entry) => entry.method === "POST")).toEqual([]);
  });

  it("a short: sell to open, buy reduce-only to close; the position, fills and wallet as computed by hand", async () => {
    venue = await startUsdmVenue({ leverage: 10 });
    const broker = usdmBrokerOn(venue);
    const open = await broker.createOrder({
      clientOrderId: "u-short-e",
      symbol: "BTCUSDT",
      side: "sell",
      type: "market",
      quantity: 0.01,
    });
    expect(open).toMatchObject({ status: "filled", filledQuantity: 0.01, averagePrice: 95_502.7 });
    expect(await broker.fetchPositions!()).toEqual([
      { symbol: "BTCUSDT", side: "short", quantity: 0.01, entryPrice: 95_502.7 },
    ]);
    venue.advanceTo(pat(17)); // the 15:49 candle closes 95453.2
    const close = await broker.createOrder({
      clientOrderId: "u-short-x",
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.01,
      reduceOnly: true,
    });
    expect(close).toMatchObject({ status: "filled", averagePrice: 95_453.2 });
    expect(venue.orders().map((o) => [o.clientOrderId, o.side])).toEqual([
      ["u-short-e", "SELL"],
      ["u-short-x", "BUY"],
    ]);
    expect(await broker.fetchPositions!()).toEqual([]);
    const fills = await broker.fetchFills("BTCUSDT", 0);
    expect(fills.map((f) => [f.clientOrderId, f.side, f.price, f.quantity, f.fee, f.feeCurrency])).toEqual([
      // 955.027 × 0.0005 = 0.4775135; 954.532 × 0.0005 = 0.477266.
      ["u-short-e", "sell", 95_502.7, 0.01, 0.4775135, "USDT"],
      ["u-short-x", "buy", 95_453.2, 0.01, 0.477266, "USDT"],
    ]);
    // Realised (95502.7 − 95453.2) × 0.01 = 0.495: 10000 + 0.495 − 0.4775135 − 0.477266 = 9999.5402205.
    const usdt = (await broker.fetchBalance()).find((b) => b.currency === "USDT");
    expect(usdt?.total).toBeCloseTo(9999.5402205, 9);
    expect(usdt?.used).toBe(0);
  });

  it("a reduce-only order that would flip the position is rejected, places nothing, and leaves the position", async () => {
    venue = await startUsdmVenue();
    const broker = usdmBrokerOn(venue);
    await broker.createOrder({
      clientOrderId: "u-flip-e",
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.01,
    });
    const error = await rejection(
      broker.createOrder({
        clientOrderId: "u-flip-x",
        symbol: "BTCUSDT",
        side: "sell",
        type: "market",
        quantity: 0.02,
        reduceOnly: true,
      }),
    );
    expect([error.kind, error.reason]).toEqual(["rejected", "other"]);
    expect(error.message).toContain("ReduceOnly Order is rejected.");
    expect(await broker.fetchOrder("BTCUSDT", "u-flip-x")).toBeNull();
    expect(await broker.fetchPositions!()).toEqual([
      { symbol: "BTCUSDT", side: "long", quantity: 0.01, entryPrice: 95_502.7 },
    ]);
  });

  it("margin the account lacks is insufficient_balance; the minimum notional is checked before sending and by the venue", async () => {
    venue = await startUsdmVenue({ leverage: 2 });
    const broker = usdmBrokerOn(venue);
    // 0.25 × 95502.7 / 2 = 11937.8 of margin > 10000.
    const margin = await rejection(
      broker.createOrder({
        clientOrderId: "u-m",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.25,
      }),
    );
    expect([margin.kind, margin.reason]).toEqual(["rejected", "insufficient_balance"]);
    expect(margin.message).toContain('"code":-2019');
    // 0.001 × 95000 = 95 < 100, known from the market before anything is sent.
    const before = venue.log.length;
    const early = await rejection(
      broker.createOrder({
        clientOrderId: "u-n1",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
        expectedPrice: 95_000,
      }),
    );
    expect([early.reason, venue.log.length]).toEqual(["min_notional", before]);
    // Without an expected price the venue decides: -4164.
    const late = await rejection(
      broker.createOrder({
        clientOrderId: "u-n2",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
      }),
    );
    expect([late.reason, late.message.includes('"code":-4164')]).toEqual(["min_notional", true]);
  });

  it("positions after a market and a resting limit fill equal a hand computation from the candles", async () => {
    venue = await startUsdmVenue({ leverage: 5 });
    const broker = usdmBrokerOn(venue);
    const candles = perpCandles();
    await broker.createOrder({
      clientOrderId: "u-p1",
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.01,
    });
    await broker.createOrder({
      clientOrderId: "u-p2",
      symbol: "BTCUSDT",
      side: "buy",
      type: "limit",
      quantity: 0.02,
      price: 95_420,
    });
    venue.advanceTo(pat(30));
    // The market order took the 15:33 close; the limit filled on the first candle from 15:34 whose low reached it.
    const first = candles[0]!.close;
    const touched = candles.findIndex((c, i) => i >= 1 && c.low <= 95_420);
    // Index 10 (15:43, low 95412.3); the nine before stay above 95420.
    expect([touched, first]).toEqual([10, 95_502.7]);
    // (0.01 × 95502.7 + 0.02 × 95420) / 0.03 = 2863.427 / 0.03 = 95447.5666…
    const entry = (0.01 * first + 0.02 * 95_420) / 0.03;
    const [position] = await broker.fetchPositions!(["BTCUSDT"]);
    expect(position).toMatchObject({ symbol: "BTCUSDT", side: "long" });
    expect(position!.quantity).toBeCloseTo(0.03, 12);
    expect(position!.entryPrice).toBeCloseTo(entry, 6);
    // The venue's own view agrees, and its unrealised PnL is at the last close (15:58).
    const mark = candles.find((c) => c.time === pat(29))!.close;
    const [venuePosition] = venue.positions();
    expect(Number(venuePosition!.markPrice)).toBe(mark);
    expect(Number(venuePosition!.unRealizedProfit)).toBeCloseTo(
      (mark - Number(venuePosition!.entryPrice)) * 0.03,
      6,
    );
    const fills = await broker.fetchFills("BTCUSDT", 0);
    expect(fills.map((f) => [f.clientOrderId, f.price, f.timestamp])).toEqual([
      // A market fill is stamped when placed (15:34); a candle's fills at its close time.
      ["u-p1", first, pat(1)],
      ["u-p2", 95_420, candles[touched]!.time + 59_999],
    ]);
  });

  it("made from exchangeId with keys from CANDLEWICK_BINANCEUSDM_*: the profile's ccxt options load linear markets only", async () => {
    venue = await startUsdmVenue();
    const {
      apiKey,
      secret,
      options: _options,
      ...ccxtOptions
    } = binanceUsdmCcxtConfig(venue, { timeout: 2_000 });
    // Only the emulator's URLs and clock; the market options are the profile's own.
    const broker = createCcxtBroker({
      exchangeId: "binanceusdm",
      ccxtOptions: { ...ccxtOptions, enableRateLimit: false },
      env: {
        CANDLEWICK_BINANCEUSDM_API_KEY: String(apiKey),
        CANDLEWICK_BINANCEUSDM_API_SECRET: String(secret),
      },
    });
    const order = await broker.createOrder({
      clientOrderId: "u-id-e",
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      quantity: 0.002,
    });
    expect(order).toMatchObject({ status: "filled", averagePrice: 95_502.7 });
    expect(venue.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "GET /fapi/v1/exchangeInfo",
      "POST /fapi/v1/order",
    ]);
  });

  it("a lost acknowledgement is transient, and the order is then found by its client id, placed once", async () => {
    venue = await startUsdmVenue();
    const broker = usdmBrokerOn(venue);
    venue.faults.dropResponse({ method: "POST", path: "/fapi/v1/order" });
    const lost = await rejection(
      broker.createOrder({
        clientOrderId: "u-lost",
        symbol: "BTCUSDT",
        side: "sell",
        type: "market",
        quantity: 0.01,
      }),
    );
    expect([lost.kind, lost.reason]).toEqual(["transient", "network"]);
    expect(await broker.fetchOrder("BTCUSDT", "u-lost")).toMatchObject({ status: "filled", side: "sell" });
    expect(venue.orders().filter((o) => o.clientOrderId === "u-lost")).toHaveLength(1);
    expect(await broker.fetchPositions!()).toEqual([
      { symbol: "BTCUSDT", side: "short", quantity: 0.01, entryPrice: 95_502.7 },
    ]);
  });
});
