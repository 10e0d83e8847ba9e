import { describe, expect, it } from "vitest";
import { divAtoms, floorToStep, formatAtoms, mulAtoms, numberToAtoms, parseAtoms } from "./decimal.js";

describe("decimal atoms (1e-8)", () => {
  it("parses and prints Binance's 8-decimal strings exactly", () => {
    expect(parseAtoms("0.00123")).toBe(123_000n);
    expect(parseAtoms("105554.32")).toBe(10_555_432_000_000n);
    expect(formatAtoms(123_000n)).toBe("0.00123000");
    expect(formatAtoms(-5n)).toBe("-0.00000005");
    expect(parseAtoms("1.000000001")).toBeUndefined();
    expect(parseAtoms("1.0000000100")).toBe(100_000_001n);
    expect(parseAtoms("1e-8")).toBeUndefined();
    expect(parseAtoms("-1")).toBeUndefined();
  });

  it("multiplies price by quantity, rounding half up to 1e-8", () => {
    // 105554.32 × 0.01 = 1055.5432; × 0.001 = 1.0555432
    expect(formatAtoms(mulAtoms(parseAtoms("105554.32")!, parseAtoms("0.01")!))).toBe("1055.54320000");
    expect(formatAtoms(mulAtoms(parseAtoms("1055.5432")!, parseAtoms("0.001")!))).toBe("1.05554320");
    // 0.00000001 × 0.5 = 0.000000005 → rounds up to 0.00000001
    expect(mulAtoms(1n, parseAtoms("0.5")!)).toBe(1n);
    expect(mulAtoms(1n, parseAtoms("0.49")!)).toBe(0n);
  });

  it("divides toward zero and floors to a step", () => {
    // 100 USDT at 105554.32 buys 0.00094737... BTC; on a 0.00001 step: 0.00094
    const bought = divAtoms(parseAtoms("100")!, parseAtoms("105554.32")!);
    expect(formatAtoms(bought)).toBe("0.00094737");
    expect(formatAtoms(floorToStep(bought, parseAtoms("0.00001")!))).toBe("0.00094000");
    expect(numberToAtoms(0.1 + 0.2)).toBe(30_000_000n);
  });
});
