import { describe, expect, it } from "vitest";
import { describeCandleValues, isSaneCandle } from "./validate-candles.js";

// isSaneCandle is the inlinable predicate of the columns path: it must accept exactly what describeCandleValues
// accepts. Each case changes one value of a sane 1m candle; whether it stays sane is written by hand.
const MINUTE = 60_000;
const base = { timestamp: 1_748_736_000_000, open: 100, high: 110, low: 90, close: 105, volume: 3 } as const;
type Field = keyof typeof base;

const cases: [Field, number, boolean][] = [
  ["timestamp", base.timestamp + MINUTE, true],
  ["timestamp", base.timestamp + 1, false], // not aligned to the minute
  ["timestamp", base.timestamp + 0.5, false],
  ["timestamp", 0, true],
  ["timestamp", -MINUTE, true], // before 1970 but a valid Date
  ["timestamp", 8.64e15, true], // the last millisecond a Date can show, aligned
  ["timestamp", 8.64e15 + MINUTE, false],
  ["timestamp", Number.NaN, false],
  ["timestamp", Number.POSITIVE_INFINITY, false],
  ["open", 0, false],
  ["open", -1, false],
  ["open", 90, true], // equal to low
  ["open", 89.99, false], // below low
  ["open", 110.01, false], // above high
  ["open", Number.NaN, false],
  ["high", 105, true], // equal to max(open, close)
  ["high", 104.99, false],
  ["high", Number.POSITIVE_INFINITY, false],
  ["low", 100, true], // equal to min(open, close)
  ["low", 100.01, false],
  ["low", 0, false],
  ["close", 110, true],
  ["close", 110.5, false],
  ["close", Number.NEGATIVE_INFINITY, false],
  ["volume", 0, true],
  ["volume", -0.001, false],
  ["volume", Number.NaN, false],
];

const args = (candle: Record<Field, number>) =>
  [candle.timestamp, candle.open, candle.high, candle.low, candle.close, candle.volume, MINUTE] as const;

describe("isSaneCandle", () => {
  it("accepts the base candle", () => {
    expect(isSaneCandle(...args(base))).toBe(true);
    expect(describeCandleValues(...args(base))).toBeNull();
  });

  it.each(cases)("%s = %d: sane %s, as describeCandleValues says", (field, value, sane) => {
    const candle = { ...base, [field]: value };
    expect(isSaneCandle(...args(candle))).toBe(sane);
    expect(describeCandleValues(...args(candle)) === null).toBe(sane);
  });
});
