import ccxt, { type Exchange } from "ccxt";
import { describe, expect, it } from "vitest";
import { FALLBACK_PAGE_LIMIT, ohlcvPageLimit } from "./ohlcv-page-limit.js";

describe("ohlcvPageLimit", () => {
  it("reads ccxt's features table per market type", () => {
    expect(ohlcvPageLimit(new ccxt.binance(), { type: "spot" })).toBe(1000);
    expect(ohlcvPageLimit(new ccxt.bybit(), { type: "swap", linear: true })).toBe(1000);
    expect(ohlcvPageLimit(new ccxt.okx(), { type: "spot" })).toBe(300);
  });

  it("falls back when ccxt documents nothing", () => {
    expect(ohlcvPageLimit({ features: {} } as unknown as Exchange, { type: "spot" })).toBe(
      FALLBACK_PAGE_LIMIT,
    );
    expect(ohlcvPageLimit({} as Exchange, { type: "swap", linear: false })).toBe(FALLBACK_PAGE_LIMIT);
  });
});
