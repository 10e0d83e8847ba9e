import { describe, expect, it } from "vitest";
import { formatPlainNumber } from "./format-plain-number.js";
import { parseCandleCsv } from "./parse-candle-csv.js";

const problem = (message: string) => new Error(message);

describe("parseCandleCsv", () => {
  it("reads rows with or without a header, skipping blank lines, keeping # comments, accepting CRLF", () => {
    const text =
      "# note\r\ntimestamp,open,high,low,close,volume\r\n\r\n60000,1,2,0.5,1.5,10\r\n120000,1.5,2,1,1,0\r\n";
    expect(parseCandleCsv(text, "f", problem)).toEqual({
      comments: ["note"],
      candles: [
        { timestamp: 60000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
        { timestamp: 120000, open: 1.5, high: 2, low: 1, close: 1, volume: 0 },
      ],
    });
    expect(parseCandleCsv("60000,1,2,0.5,1.5,10", "f", problem).candles).toHaveLength(1);
  });

  it("names the file and line of a bad header or row", () => {
    expect(() => parseCandleCsv("time,o,h,l,c,v\n", "f", problem)).toThrow(
      'f:1: header is "time,o,h,l,c,v"; expected "timestamp,open,high,low,close,volume"',
    );
    expect(() => parseCandleCsv("60000,1,2,0.5,1.5\n", "f", problem)).toThrow("f:1:");
    expect(() => parseCandleCsv("60000,1,2,,1.5,3\n", "f", problem)).toThrow("f:1:");
  });
});

describe("formatPlainNumber", () => {
  it.each([
    [0.1 + 0.2, "0.3"],
    [105573.73, "105573.73"],
    [1e-7, "0.0000001"],
    [1e-9, "0"],
    [42, "42"],
    [-0.000000001, "0"],
  ])("%d → %s", (value, text) => {
    expect(formatPlainNumber(value)).toBe(text);
  });
});
