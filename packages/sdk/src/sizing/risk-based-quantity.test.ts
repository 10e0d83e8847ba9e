import { describe, expect, it } from "vitest";
import { riskBasedQuantity } from "./risk-based-quantity.js";

describe("riskBasedQuantity", () => {
  it("loses exactly the risk when the stop is hit", () => {
    // risk 1% of 10 000 = 100; stop distance 100 − 95 = 5 → 20 units (20 × 5 = 100)
    expect(riskBasedQuantity({ equity: 10_000, riskPct: 1, entry: 100, stop: 95 })).toBe(20);
    // a short: stop above entry; 2% of 5 000 = 100; |2 000 − 2 050| = 50 → 2 units
    expect(riskBasedQuantity({ equity: 5_000, riskPct: 2, entry: 2_000, stop: 2_050 })).toBe(2);
  });

  it("caps the position's value at maxNotional", () => {
    // uncapped: 1% of 10 000 / 0.5 = 200 units = 20 000 notional; cap 10 000 / 100 = 100 units
    expect(
      riskBasedQuantity({ equity: 10_000, riskPct: 1, entry: 100, stop: 99.5, maxNotional: 10_000 }),
    ).toBe(100);
  });

  it("names a bad option, including a stop at the entry", () => {
    expect(() => riskBasedQuantity({ equity: 1_000, riskPct: 1, entry: 100, stop: 100 })).toThrow(
      '[riskBasedQuantity] "stop" is 100; expected a price different from entry (100)',
    );
    expect(() => riskBasedQuantity({ equity: 1_000, riskPct: 0, entry: 100, stop: 90 })).toThrow('"riskPct"');
    expect(() =>
      riskBasedQuantity({ equity: 1_000, riskPct: 1, entry: 100, stop: 90, maxNotional: -1 }),
    ).toThrow('"maxNotional"');
  });
});
