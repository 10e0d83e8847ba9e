import { describe, expect, it } from "vitest";
import { type MarketIdentity, prefersSwap, resolveMarket } from "./resolve-market.js";

const market = (symbol: string, id: string, extra: Partial<MarketIdentity> = {}): MarketIdentity => {
  const [pair = "", settle] = symbol.split(":");
  const [base = "", quote = ""] = pair.split("/");
  const swap = settle !== undefined && !settle.includes("-");
  return {
    id,
    symbol,
    base,
    quote,
    spot: settle === undefined,
    swap,
    linear: settle?.startsWith(quote),
    ...extra,
  };
};

// Binance-style ids: spot and the USDT perpetual share the id BTCUSDT.
const binance = [
  market("BTC/USDT", "BTCUSDT"),
  market("BTC/USDT:USDT", "BTCUSDT"),
  market("BTC/USDT:USDT-250926", "BTCUSDT_250926", { swap: false }),
  market("BTC/USD:BTC", "BTCUSD_PERP", { linear: false }),
];
// OKX-style ids carry separators.
const okx = [market("BTC/USDT", "BTC-USDT"), market("BTC/USDT:USDT", "BTC-USDT-SWAP")];

describe("resolveMarket (the symbol rule)", () => {
  it("takes a unified symbol as it is, in any case", () => {
    expect(resolveMarket("BTC/USDT:USDT", binance, false)?.symbol).toBe("BTC/USDT:USDT");
    expect(resolveMarket("btc/usdt", binance, true)?.symbol).toBe("BTC/USDT");
    expect(resolveMarket("ETH/USDT", binance, false)).toBeUndefined();
  });

  it("reads a compact name as spot, or as the linear swap when the instance defaults to swaps", () => {
    expect(resolveMarket("BTCUSDT", binance, false)?.symbol).toBe("BTC/USDT");
    expect(resolveMarket("btcusdt", binance, true)?.symbol).toBe("BTC/USDT:USDT");
    expect(resolveMarket("BTCUSDT", okx, false)?.symbol).toBe("BTC/USDT");
    expect(resolveMarket("BTC-USDT-SWAP", okx, false)?.symbol).toBe("BTC/USDT:USDT");
  });

  it("never maps a compact name to a dated future; falls back to a swap when there is no spot market", () => {
    const futuresOnly = [market("BTC/USDT:USDT-250926", "BTCUSDT_250926", { swap: false })];
    expect(resolveMarket("BTCUSDT", futuresOnly, false)).toBeUndefined();
    expect(resolveMarket("BTCUSDT", [market("BTC/USDT:USDT", "BTCUSDT")], false)?.symbol).toBe(
      "BTC/USDT:USDT",
    );
  });

  it("prefers an active market among equals", () => {
    const markets = [market("BTC/USDT", "BTCUSDT", { active: false }), market("BTC/USDT", "BTC_USDT")];
    expect(resolveMarket("BTCUSDT", markets, false)?.id).toBe("BTC_USDT");
  });

  it("reads the instance's defaultType", () => {
    expect(prefersSwap({ defaultType: "swap" })).toBe(true);
    expect(prefersSwap({ defaultType: "future" })).toBe(true);
    expect(prefersSwap({ defaultType: "spot" })).toBe(false);
    expect(prefersSwap(undefined)).toBe(false);
  });
});
