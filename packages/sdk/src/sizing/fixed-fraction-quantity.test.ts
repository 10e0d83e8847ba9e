import { describe, expect, it } from "vitest";
import { fixedFractionQuantity } from "./fixed-fraction-quantity.js";

describe("fixedFractionQuantity", () => {
  it("spends the fraction of equity at the price", () => {
    // 10 000 × 10% = 1 000 USDT; 1 000 / 50 000 = 0.02 BTC
    expect(fixedFractionQuantity({ equity: 10_000, fractionPct: 10, price: 50_000 })).toBeCloseTo(0.02, 12);
    // 2 500 × 100% / 2 500 = 1
    expect(fixedFractionQuantity({ equity: 2_500, fractionPct: 100, price: 2_500 })).toBe(1);
  });

  it("names a bad option", () => {
    expect(() => fixedFractionQuantity({ equity: 0, fractionPct: 10, price: 1 })).toThrow('"equity"');
    expect(() => fixedFractionQuantity({ equity: 1, fractionPct: 101, price: 1 })).toThrow('"fractionPct"');
    expect(() => fixedFractionQuantity({ equity: 1, fractionPct: 1, price: -5 })).toThrow('"price"');
  });
});
