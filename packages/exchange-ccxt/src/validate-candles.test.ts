import type { Candle } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { validateCandles } from "./validate-candles.js";

const MINUTE = 60_000;
const candle = (minute: number, overrides: Partial<Candle> = {}): Candle => ({
  timestamp: minute * MINUTE,
  open: 100,
  high: 110,
  low: 90,
  close: 105,
  volume: 3,
  ...overrides,
});
const problem = (message: string) => new Error(message);

describe("validateCandles", () => {
  it("sorts by open time and drops exact duplicates (overlapping pages)", () => {
    expect(validateCandles([candle(2), candle(1), candle(2), candle(3)], MINUTE, problem)).toEqual([
      candle(1),
      candle(2),
      candle(3),
    ]);
  });

  it("refuses two different candles for the same open time", () => {
    expect(() => validateCandles([candle(1), candle(1, { close: 106 })], MINUTE, problem)).toThrow(
      "two different candles for 1970-01-01T00:01:00.000Z: o=100 h=110 l=90 c=105 v=3 and o=100 h=110 l=90 c=106 v=3",
    );
  });

  it.each([
    [{ open: Number.NaN }, "open is not a finite number"],
    [{ volume: Number.POSITIVE_INFINITY }, "volume is not a finite number"],
    [{ timestamp: MINUTE + 1 }, "open time is not aligned to 60000 ms"],
    [{ low: 0 }, "a price is not positive"],
    [{ open: -1, low: -2 }, "a price is not positive"],
    [{ volume: -0.5 }, "volume is negative"],
    [{ low: 101 }, "low is above open or close"],
    [{ high: 104 }, "high is below open or close"],
  ] as const)("rejects %o: %s", (overrides, issue) => {
    expect(() => validateCandles([candle(1, overrides)], MINUTE, problem)).toThrow(issue);
  });

  it("accepts a flat zero-volume candle", () => {
    const flat = candle(1, { open: 5, high: 5, low: 5, close: 5, volume: 0 });
    expect(validateCandles([flat], MINUTE, problem)).toEqual([flat]);
  });
});
