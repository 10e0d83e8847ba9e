import { ExchangeError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { candlesToTable, tableToCandles } from "../exchanges/candle-table.js";
import type { Candle } from "../spec/candle.js";
import { at, MINUTE } from "../testing/memory-exchange.js";
import { validateCandleColumns } from "./validate-candle-columns.js";
import { validateCandles } from "./validate-candles.js";

const ok = (minute: number, patch: Partial<Candle> = {}): Candle => ({
  timestamp: at(minute),
  open: 100,
  high: 101,
  low: 99,
  close: 100.5,
  volume: 3,
  ...patch,
});

const columnsOf = (candles: Candle[]) => candlesToTable(candles);

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return (error as Error).message;
  }
  throw new Error("expected a rejection");
}

describe("validateCandleColumns", () => {
  it("gives good columns back as they are, without a copy", () => {
    const columns = columnsOf([ok(0), ok(1), ok(3)]);
    expect(validateCandleColumns("ex", "TEST", MINUTE, columns)).toBe(columns);
    const empty = columnsOf([]);
    expect(validateCandleColumns("ex", "TEST", MINUTE, empty)).toBe(empty);
  });

  it.each([
    ["a NaN close", [ok(0), ok(1, { close: Number.NaN })], '"close" is NaN; expected a finite number'],
    ["a zero low", [ok(0, { low: 0 })], "prices must be > 0"],
    ["a negative volume", [ok(0, { volume: -1 })], '"volume" is -1; expected >= 0'],
    ["a high below the close", [ok(0, { high: 100.4 })], '"high" 100.4 is below open/close'],
    [
      "an unaligned open time",
      [ok(0, { timestamp: at(0) + 1 })],
      "is not aligned to the interval (60000 ms)",
    ],
    ["a candle out of order", [ok(1), ok(0)], "are not strictly increasing: #1 at 2024-01-01T10:00:00.000Z"],
    ["a conflicting duplicate", [ok(0), ok(0, { close: 100.6 })], "are not strictly increasing: #1"],
  ])("rejects %s with the message getCandles candles get", (_label, candles, expected) => {
    const fromColumns = messageOf(() => validateCandleColumns("ex", "TEST", MINUTE, columnsOf(candles)));
    expect(fromColumns).toContain(expected);
    expect(fromColumns).toBe(messageOf(() => validateCandles("ex", "TEST", MINUTE, candles)));
  });

  it("drops an exact duplicate, as for candle objects", () => {
    const valid = validateCandleColumns("ex", "TEST", MINUTE, columnsOf([ok(0), ok(1), ok(1), ok(2)]));
    expect(tableToCandles(valid)).toEqual([ok(0), ok(1), ok(2)]);
  });
});
