import { ExchangeError } from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { createCcxtExchange } from "./index.js";
import { createFakeBybit } from "./test-support/fake-bybit.js";
import { fixtureRows, fixtureText } from "./test-support/fixtures.js";

const MINUTE = MINUTE_MS;
const JUN1 = Date.UTC(2025, 5, 1);
const JUN3 = Date.UTC(2025, 5, 3);
/** Real BTCUSDT perpetual candles (Binance futures data), served in Bybit's wire format. */
const perpBtc = fixtureRows("binance-perp-BTCUSDT-1m-2025-06-01.csv.gz");
const spotBtc = fixtureRows("binance-spot-BTCUSDT-1m-2025-05-31.csv.gz");

function bybitSetup(now = JUN3) {
  const http = createFakeBybit({ "linear:BTCUSDT:1": perpBtc, "spot:BTCUSDT:1": spotBtc }, () => now);
  const exchange = http.attach(new ccxt.bybit());
  const adapter = createCcxtExchange({ exchange, now: () => now, baseDelayMs: 1, maxDelayMs: 5 });
  return { http, exchange, adapter };
}

describe("createCcxtExchange on ccxt.bybit (recorded responses)", () => {
  it("reads BTCUSDT as the linear perpetual (bybit defaults to swap) and pages with Bybit's start/end/limit", async () => {
    const { http, adapter } = bybitSetup();
    expect(await adapter.resolveSymbol("BTCUSDT")).toBe("BTC/USDT:USDT");

    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(JUN1), 2880);
    expect(candles).toEqual(perpBtc.map((row) => row.candle));
    const pages = http.requestsTo("/v5/market/kline").map((request) => request.params);
    expect(pages).toEqual(
      [0, 1000, 2000].map((offset) => ({
        category: "linear",
        symbol: "BTCUSDT",
        interval: "1",
        start: `${JUN1 + offset * MINUTE}`,
        end: `${JUN1 + Math.min(offset + 1000, 2880) * MINUTE - 1}`,
        limit: `${Math.min(1000, 2880 - offset)}`,
      })),
    );
    expect(http.requestsTo("/v5/market/kline")[0]!.url.host).toBe("api.bybit.com");
  });

  it("loads markets through every instruments-info category ccxt.bybit asks for", async () => {
    const { http, adapter } = bybitSetup();
    await adapter.resolveSymbol("BTCUSDT");
    const categories = new Set(
      http.requestsTo("/v5/market/instruments-info").map((request) => request.params.category),
    );
    expect(categories).toEqual(new Set(["spot", "linear", "inverse", "option"]));
  });

  it("reads BTC/USDT as spot (category=spot)", async () => {
    const { http, adapter } = bybitSetup(Date.UTC(2025, 5, 2));
    const candles = await adapter.getCandles("BTC/USDT", "1m", new Date(Date.UTC(2025, 4, 31)), 5);
    expect(candles).toEqual(spotBtc.slice(0, 5).map((row) => row.candle));
    expect(http.requestsTo("/v5/market/kline")[0]!.params.category).toBe("spot");
  });

  it("rejects an interval bybit lacks, naming it and listing what bybit has", async () => {
    const { http, adapter } = bybitSetup();
    const error = await adapter.getCandles("BTCUSDT", "8h", new Date(JUN1), 10).catch((caught) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      '[bybit] interval "8h" is not supported by ccxt bybit; supported timeframes: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d, 1w, 1M',
    );
    expect(http.requestsTo("/v5/market/kline")).toHaveLength(0);
  });

  it("retries after Bybit's 10006 'Too many visits!' and after its HTTP 403 rate-limit answer", async () => {
    const { http, adapter } = bybitSetup();
    http.failNext(
      "/v5/market/kline",
      { kind: "status", status: 200, body: fixtureText("bybit-error-10006-too-many-visits.json") },
      { kind: "status", status: 403, body: "" },
    );
    const candles = await adapter.getCandles("BTCUSDT", "1m", new Date(JUN1), 10);
    expect(candles).toEqual(perpBtc.slice(0, 10).map((row) => row.candle));
    expect(http.requestsTo("/v5/market/kline")).toHaveLength(3);
  });

  it("formats with Bybit's tick size and quantity step", async () => {
    const { adapter } = bybitSetup();
    expect(await adapter.formatPrice("BTCUSDT", 105000.06)).toBe("105000.1");
    expect(await adapter.formatQuantity("BTCUSDT", 0.0129)).toBe("0.012");
  });
});
