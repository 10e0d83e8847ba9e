import { describe, expect, it } from "vitest";
import { createValueFormat, fixed, priceDecimalsFor } from "./value-format.js";

const format = createValueFormat({ decimals: 2, ratioDecimals: 3, priceDecimals: undefined });

describe("value formats", () => {
  it("never prints a negative zero", () => {
    expect(fixed(-0.001, 2)).toBe("0.00");
    expect(fixed(-0, 0)).toBe("0");
    expect(format.signedPercent(-0.004)).toBe("0.00%");
    expect(format.signedPercent(0.004)).toBe("0.00%");
  });

  it("signs results and units every figure", () => {
    expect(format.signedPercent(1.23456)).toBe("+1.23%");
    expect(format.signedPercent(-0.4)).toBe("-0.40%");
    expect(format.percent(36.1702)).toBe("36.17%");
    expect(format.ratio(-0.36749)).toBe("-0.367");
    expect(format.minutes(95.5)).toBe("95.50 min");
    expect(format.days(29)).toBe("29.00 d");
  });

  it("gives prices at least five significant digits by magnitude", () => {
    expect([71249.514, 3.45678, 0.0123456, 0.00012345].map(format.price)).toEqual([
      "71249.51",
      "3.4568",
      "0.012346",
      "0.00012345",
    ]);
    expect(priceDecimalsFor(-2500)).toBe(2);
    expect(createValueFormat({ decimals: 2, ratioDecimals: 3, priceDecimals: 1 }).price(3.45678)).toBe("3.5");
  });

  it("scales millisecond precision with the duration", () => {
    expect([0.00684, 0.5, 12.345, 1234.56, 123456.7].map(format.milliseconds)).toEqual([
      "0.0068 ms",
      "0.500 ms",
      "12.35 ms",
      "1234.6 ms",
      "123457 ms",
    ]);
  });

  it("prints timestamps in ISO 8601 UTC, with milliseconds only when there are some", () => {
    expect(format.timestamp(Date.UTC(2026, 3, 1, 0, 15))).toBe("2026-04-01T00:15:00Z");
    expect(format.timestamp(Date.UTC(2026, 3, 1, 0, 15, 0, 250))).toBe("2026-04-01T00:15:00.250Z");
  });
});
