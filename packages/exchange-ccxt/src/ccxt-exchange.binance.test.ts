import { CandlewickError, ExchangeError, InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it, vi } from "vitest";
import { createCcxtExchange } from "./index.js";
import { binanceSetup, haltBtc, JUN2, MAY31, MINUTE, spotBtc } from "./test-support/binance-setup.js";
import { fixtureText } from "./test-support/fixtures.js";

const candlesOf = (rows: typeof spotBtc) => rows.map((row) => row.candle);

describe("createCcxtExchange on ccxt.binance (recorded responses)", () => {
  it("pages 2,880 candles into three klines requests with Binance's startTime/endTime/limit", async () => {
    const { http, adapter, exchange } = binanceSetup();
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880);

    expect(candles).toEqual(candlesOf(spotBtc));
    expect(exchange.enableRateLimit).toBe(true);
    const pages = http.requestsTo("/api/v3/klines").map((request) => request.params);
    expect(pages).toEqual([
      {
        interval: "1m",
        limit: "1000",
        symbol: "BTCUSDT",
        startTime: `${MAY31}`,
        endTime: `${MAY31 + 1000 * MINUTE - 1}`,
      },
      {
        interval: "1m",
        limit: "1000",
        symbol: "BTCUSDT",
        startTime: `${MAY31 + 1000 * MINUTE}`,
        endTime: `${MAY31 + 2000 * MINUTE - 1}`,
      },
      {
        interval: "1m",
        limit: "880",
        symbol: "BTCUSDT",
        startTime: `${MAY31 + 2000 * MINUTE}`,
        endTime: `${MAY31 + 2880 * MINUTE - 1}`,
      },
    ]);
    expect(http.requestsTo("/api/v3/klines")[0]!.url.host).toBe("api.binance.com");
  });

  it("loads markets once, from the three exchangeInfo endpoints ccxt.binance uses by default", async () => {
    const { http, adapter } = binanceSetup();
    await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 10);
    await adapter.getCandles("ETHUSDT", "1m", new Date(MAY31), 10);
    expect(
      http
        .requestsTo("exchangeInfo")
        .map((request) => request.url.pathname)
        .sort(),
    ).toEqual(["/api/v3/exchangeInfo", "/dapi/v1/exchangeInfo", "/fapi/v1/exchangeInfo"]);
  });

  it("starts at the first open time at or after an unaligned since", async () => {
    const { adapter } = binanceSetup();
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 + 30_500), 3);
    expect(candles.map((candle) => candle.timestamp)).toEqual([
      MAY31 + MINUTE,
      MAY31 + 2 * MINUTE,
      MAY31 + 3 * MINUTE,
    ]);
  });

  it("never asks for, nor returns, the candle in progress", async () => {
    const { http, adapter } = binanceSetup({ now: () => MAY31 + 100 * MINUTE + 30_000 });
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 1000);
    expect(candles).toHaveLength(100);
    expect(candles.at(-1)!.timestamp).toBe(MAY31 + 99 * MINUTE);
    expect(http.requestsTo("/api/v3/klines").map((request) => request.params.endTime)).toEqual([
      `${MAY31 + 100 * MINUTE - 1}`,
    ]);
  });

  it("reports the real 2023-03-24 halt as one gap, never fills it, and asks for the shortfall", async () => {
    const start = Date.UTC(2023, 2, 24, 10);
    const onGap = vi.fn();
    const { http, adapter } = binanceSetup(
      { now: () => Date.UTC(2023, 2, 24, 16), onGap },
      { "spot:BTCUSDT:1m": haltBtc },
    );

    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(start), 280);
    expect(candles).toEqual(candlesOf(haltBtc));
    expect(onGap).toHaveBeenCalledTimes(1);
    expect(onGap).toHaveBeenCalledWith({
      symbol: "BTC/USDT",
      interval: "1m",
      from: Date.UTC(2023, 2, 24, 12, 40),
      to: Date.UTC(2023, 2, 24, 14),
      missing: 80,
    });
    // 280 slots held 200 candles; the second request asks for the 80 still owed.
    expect(
      http.requestsTo("/api/v3/klines").map((request) => [request.params.startTime, request.params.limit]),
    ).toEqual([
      [`${start}`, "280"],
      [`${start + 280 * MINUTE}`, "80"],
    ]);
    await adapter.getCandles("BTCUSDT", "1m", new Date(start), 280);
    expect(onGap).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      "HTTP 429",
      {
        kind: "status",
        status: 429,
        body: fixtureText("binance-error-429-too-many-requests.json"),
        headers: { "retry-after": "1" },
      },
    ],
    [
      "HTTP 418 (IP ban)",
      {
        kind: "status",
        status: 418,
        body: fixtureText("binance-error-418-ip-banned.json"),
        headers: { "retry-after": "2" },
      },
    ],
    ["HTTP 503", { kind: "status", status: 503, body: "<html><body>Service Unavailable</body></html>" }],
    ["a connection reset", { kind: "network" }],
  ] as const)("retries the same page after %s, then succeeds", async (_name, fault) => {
    const { http, adapter } = binanceSetup();
    http.failNext("/api/v3/klines", fault);
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 1500);
    expect(candles).toEqual(candlesOf(spotBtc.slice(0, 1500)));
    const pages = http.requestsTo("/api/v3/klines").map((request) => request.params);
    expect(pages).toHaveLength(3);
    expect(pages[1]).toEqual(pages[0]);
  });

  it("retries after a request timeout raised by ccxt's own timer", async () => {
    const { http, adapter, exchange } = binanceSetup();
    exchange.timeout = 50;
    http.failNext("/api/v3/klines", { kind: "hang" });
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 10);
    expect(candles).toEqual(candlesOf(spotBtc.slice(0, 10)));
    expect(http.requestsTo("/api/v3/klines")).toHaveLength(2);
  });

  it("gives up after maxRetries with a retryable ExchangeError", async () => {
    const { http, adapter } = binanceSetup({ maxRetries: 2 });
    const body = fixtureText("binance-error-429-too-many-requests.json");
    http.failNext("/api/v3/klines", ...Array(3).fill({ kind: "status", status: 429, body }));
    const error = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 10).catch((caught) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(
      /^\[binance\] fetchOHLCV BTC\/USDT 1m failed with (RateLimitExceeded|DDoSProtection)/,
    );
    expect(http.requestsTo("/api/v3/klines")).toHaveLength(3);
  });

  it("does not retry what cannot succeed (Binance -1121 Invalid symbol → BadSymbol)", async () => {
    // SOLUSDT is listed in exchangeInfo, but the recorded klines endpoint answers -1121 for it.
    const { http, adapter } = binanceSetup();
    const error = await adapter.getCandles("SOLUSDT", "1m", new Date(MAY31), 10).catch((caught) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.isRetryable).toBe(false);
    expect(error.details.ccxtError).toBe("BadSymbol");
    expect(http.requestsTo("/api/v3/klines")).toHaveLength(1);
  });

  it("rejects an unknown symbol before any klines request, listing close matches", async () => {
    const { http, adapter } = binanceSetup();
    const error = await adapter.getCandles("BTCUSDX", "1m", new Date(MAY31), 10).catch((caught) => caught);
    expect(CandlewickError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      '[binance] unknown symbol "BTCUSDX" among 7 markets; close matches: BTC/USDT, BTC/USDT:USDT, BTC/USD:BTC',
    );
    expect(error.isRetryable).toBe(false);
    expect(http.requestsTo("/klines")).toHaveLength(0);
  });

  it("resolves BTCUSDT to spot, BTC/USDT:USDT to the perpetual, and BTCUSDT to the perpetual when the instance defaults to swap", async () => {
    const series = { "spot:BTCUSDT:1m": spotBtc, "linear:BTCUSDT:1m": spotBtc };
    const spot = binanceSetup({}, series);
    expect(await spot.adapter.resolveSymbol("BTCUSDT")).toBe("BTC/USDT");
    expect(await spot.adapter.resolveSymbol("btc/usdt")).toBe("BTC/USDT");
    expect(await spot.adapter.resolveSymbol("BTC/USDT:USDT")).toBe("BTC/USDT:USDT");
    await spot.adapter.getCandles("BTC/USDT:USDT", "1m", new Date(MAY31), 5);
    expect(spot.http.requestsTo("/fapi/v1/klines")).toHaveLength(1);

    const swap = binanceSetup({}, series, { options: { defaultType: "swap" } });
    expect(await swap.adapter.resolveSymbol("BTCUSDT")).toBe("BTC/USDT:USDT");
    expect(await swap.adapter.resolveSymbol("BTC/USDT")).toBe("BTC/USDT");
  });

  it("formats prices and quantities with the market's precision (tick and step sizes)", async () => {
    const { adapter } = binanceSetup();
    expect(await adapter.formatPrice("BTCUSDT", 105573.7345)).toBe("105573.73");
    expect(await adapter.formatQuantity("BTCUSDT", 0.123456789)).toBe("0.12345");
    expect(await adapter.formatPrice("ETHBTC", 0.0240123)).toBe("0.02401");
    expect(await adapter.formatPrice("BTC/USDT:USDT", 105573.77)).toBe("105573.8");
    expect(await adapter.formatQuantity("BTC/USDT:USDT", 0.0129)).toBe("0.012");
    await expect(adapter.formatPrice("BTCUSDT", Number.NaN)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("validates its options and its arguments, naming the culprit", async () => {
    expect(() => createCcxtExchange({ exchange: "binanse" })).toThrow(
      '[exchange-ccxt] "exchange" is "binanse"; expected a ccxt exchange id; did you mean "binance"',
    );
    expect(() => createCcxtExchange({ exchange: 42 as unknown as string })).toThrow(InvalidArgumentError);
    expect(() => createCcxtExchange({ exchange: "binance", maxRetries: -1 })).toThrow(/"maxRetries"/);
    const { adapter } = binanceSetup();
    await expect(adapter.getCandles("BTCUSDT", "2d" as "1d", new Date(MAY31), 5)).rejects.toThrow(
      /"interval"/,
    );
    await expect(adapter.getCandles("BTCUSDT", "1m", new Date(Number.NaN), 5)).rejects.toThrow(/"since"/);
    await expect(adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 0)).rejects.toThrow(/"limit"/);
  });

  it("creates its own rate-limited instance from an exchange id, without any request", () => {
    const adapter = createCcxtExchange({ exchange: "binance", exchangeName: "binance-spot" });
    expect(adapter.exchangeName).toBe("binance-spot");
    expect(adapter.ccxt).toBeInstanceOf(ccxt.binance);
    expect(adapter.ccxt.enableRateLimit).toBe(true);
    expect(adapter.maxCandlesPerRequest).toBe(10_000);
  });

  it("returns nothing past the end of the data", async () => {
    const { adapter } = binanceSetup({ now: () => JUN2 + 60 * MINUTE });
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(JUN2 - 5 * MINUTE), 1000);
    expect(candles).toEqual(candlesOf(spotBtc.slice(-5)));
  });
});
