import { readFileSync } from "node:fs";
import { BrokerError, InvalidArgumentError, type OrderRequest } from "@candlewick/core";
import ccxt, { type Exchange } from "ccxt";
import { describe, expect, it } from "vitest";
import { orderCallOf } from "./order-call.js";
import { VENUE_PROFILES } from "./venue-profile.js";

// ccxt's real classes with the markets of Binance's recorded exchangeInfo bodies (the venue emulator's data), and
// ccxt's own createOrderRequest, which builds the request without sending it: what each venue would be sent.
const recorded = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../venue-emulator/src/data/${file}`, import.meta.url), "utf8")) as {
    symbols: unknown[];
  };

function withMarkets<T extends Exchange>(exchange: T, file: string): T {
  exchange.setMarkets(exchange.parseMarkets(recorded(file).symbols as never));
  return exchange;
}

// fetchMarkets fills the margin pair lists before parsing spot markets; none here.
const spot = withMarkets(
  new ccxt.binance({
    apiKey: "k",
    secret: "s",
    options: { crossMarginPairsData: [], isolatedMarginPairsData: [] },
  }),
  "binance-api-v3-exchangeInfo.json",
);
const usdm = withMarkets(
  new ccxt.binanceusdm({ apiKey: "k", secret: "s" }),
  "binance-fapi-v1-exchangeInfo.json",
);

function wire(exchange: Exchange, venue: "binance" | "binanceusdm", request: OrderRequest, unified: string) {
  const call = orderCallOf(request, exchange.market(unified), exchange, VENUE_PROFILES[venue], venue);
  const sent = (
    exchange as unknown as { createOrderRequest: (...args: unknown[]) => Record<string, unknown> }
  ).createOrderRequest(call.symbol, call.type, call.side, call.amount, call.price, call.params);
  return { call, sent };
}

const base = { clientOrderId: "cw0123456789abcdef0123-s1", symbol: "BTCUSDT" } as const;

describe("orderCallOf on Binance spot (BTCUSDT: 0.00001 lot, 0.01 tick, 5 USDT notional)", () => {
  it("a stop_market sell is STOP_LOSS with our client id and the stop on the tick; no reduceOnly on spot", () => {
    const { call, sent } = wire(
      spot,
      "binance",
      {
        ...base,
        side: "sell",
        type: "stop_market",
        quantity: 0.0123456,
        triggerPrice: 99_999.999,
        reduceOnly: true,
      },
      "BTC/USDT",
    );
    expect(call).toMatchObject({ type: "market", amount: 0.01234, price: undefined });
    expect(call.params).toEqual({ clientOrderId: base.clientOrderId, stopLossPrice: 100_000 });
    expect(sent).toMatchObject({
      type: "STOP_LOSS",
      side: "SELL",
      newClientOrderId: base.clientOrderId,
      quantity: "0.01234",
      stopPrice: "100000",
    });
    expect(sent).not.toHaveProperty("reduceOnly");
    expect(sent).not.toHaveProperty("price");
  });

  it("a take_profit_limit buy (a short's target) is TAKE_PROFIT_LIMIT with price and stop", () => {
    const { sent } = wire(
      spot,
      "binance",
      {
        ...base,
        side: "buy",
        type: "take_profit_limit",
        quantity: 0.01,
        price: 95_000.004,
        triggerPrice: 95_100,
      },
      "BTC/USDT",
    );
    expect(sent).toMatchObject({
      type: "TAKE_PROFIT_LIMIT",
      price: "95000",
      stopPrice: "95100",
      timeInForce: "GTC",
    });
  });

  it("a market order is sent by quantity, never as quoteOrderQty (no price is passed)", () => {
    const { sent } = wire(
      spot,
      "binance",
      { ...base, side: "buy", type: "market", quantity: 0.01, expectedPrice: 100_000 },
      "BTC/USDT",
    );
    expect(sent).toMatchObject({ type: "MARKET", quantity: "0.01" });
    expect(sent).not.toHaveProperty("quoteOrderQty");
  });

  it("below the minimum notional at the expected price: rejected min_notional before sending", () => {
    // 0.00004 × 100000 = 4 USDT < 5.
    const small = () =>
      wire(
        spot,
        "binance",
        { ...base, side: "buy", type: "market", quantity: 0.00004, expectedPrice: 100_000 },
        "BTC/USDT",
      );
    expect(small).toThrow(BrokerError);
    expect(small).toThrow(/minimum notional 5/);
  });
});

describe("orderCallOf on Binance USDⓈ-M (BTCUSDT perpetual: 0.001 lot, 100 USDT notional)", () => {
  it("a reduce-only market close goes out as MARKET with newClientOrderId and reduceOnly", () => {
    const { sent } = wire(
      usdm,
      "binanceusdm",
      { ...base, side: "sell", type: "market", quantity: 0.0129, reduceOnly: true, expectedPrice: 100_000 },
      "BTC/USDT:USDT",
    );
    expect(sent).toMatchObject({
      type: "MARKET",
      newClientOrderId: base.clientOrderId,
      quantity: "0.012",
      reduceOnly: true,
    });
  });

  it("is refused a stop (ccxt would send it to the algo API under clientAlgoId, out of reach of our lookups)", () => {
    const stop = () =>
      wire(
        usdm,
        "binanceusdm",
        { ...base, side: "sell", type: "stop_market", quantity: 0.01, triggerPrice: 90_000 },
        "BTC/USDT:USDT",
      );
    expect(stop).toThrow(InvalidArgumentError);
    expect(stop).toThrow(/one of market, limit on binanceusdm/);
    // What ccxt would do with it: the reason for the refusal.
    const algo = (
      usdm as unknown as { createOrderRequest: (...args: unknown[]) => Record<string, unknown> }
    ).createOrderRequest("BTC/USDT:USDT", "market", "sell", 0.01, undefined, {
      clientOrderId: base.clientOrderId,
      stopLossPrice: 90_000,
    });
    expect(algo).toMatchObject({ type: "STOP_MARKET", clientAlgoId: base.clientOrderId });
    expect(algo).not.toHaveProperty("newClientOrderId");
  });

  it("0.001 × 60000 = 60 USDT is below the 100 USDT minimum notional: rejected before sending", () => {
    const small = () =>
      wire(
        usdm,
        "binanceusdm",
        { ...base, side: "buy", type: "market", quantity: 0.001, expectedPrice: 60_000 },
        "BTC/USDT:USDT",
      );
    expect(small).toThrow(/minimum notional 100/);
  });
});
