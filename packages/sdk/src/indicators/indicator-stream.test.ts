import type { CandleColumns } from "@candlewick/core";
import { EMA, RSI } from "trading-signals";
import { describe, expect, it } from "vitest";
import { loadCandleFixture } from "../testing/load-candle-fixture.js";
import { indicator } from "./indicator.js";
import { IndicatorStream, STREAM_HISTORY } from "./indicator-stream.js";

function columnsOf(
  candles: readonly {
    timestamp: number;
    close: number;
    high: number;
    low: number;
    open: number;
    volume: number;
  }[],
): CandleColumns {
  const col = (pick: (c: (typeof candles)[number]) => number) => Float64Array.from(candles, pick);
  return {
    length: candles.length,
    timestamp: col((c) => c.timestamp),
    open: col((c) => c.open),
    high: col((c) => c.high),
    low: col((c) => c.low),
    close: col((c) => c.close),
    volume: col((c) => c.volume),
  };
}

describe("IndicatorStream", () => {
  it("gives the same values fed in overlapping chunks as one library instance fed once per candle", async () => {
    const candles = await loadCandleFixture("BTCUSDT", {
      from: new Date("2025-06-02T00:00:00Z"),
      to: new Date("2025-06-03T00:00:00Z"),
    });
    const stream = new IndicatorStream(indicator.rsi(14), "close", 100, "1m");
    const reference = new RSI(14);
    // Chunks overlap (as windows returned by getCandleColumns do): already-fed candles must be skipped.
    let fedUpTo = 0;
    for (const end of [1, 2, 20, 21, 300, 301, 700, candles.length]) {
      const start = Math.max(0, fedUpTo - 5);
      stream.feed(columnsOf(candles.slice(start, end)));
      for (let i = fedUpTo; i < end; i++) reference.add(candles[i]!.close);
      fedUpTo = end;
      expect(stream.value()).toBe(reference.getResult());
      expect(stream.lastTimestamp).toBe(candles[end - 1]!.timestamp);
    }
  });

  it("keeps the last values for offset reads and null before the indicator is stable", async () => {
    const candles = await loadCandleFixture("ETHUSDT", {
      from: new Date("2025-06-05T00:00:00Z"),
      to: new Date("2025-06-05T02:00:00Z"),
    });
    const stream = new IndicatorStream(indicator.ema(10), "close", 100, "1m");
    stream.feed(columnsOf(candles.slice(0, 5)));
    expect(stream.value()).toBeNull(); // 5 of 10 inputs
    stream.feed(columnsOf(candles));
    const ema = new EMA(10);
    const expected = candles.map((c) => {
      ema.add(c.close);
      return ema.getResult();
    });
    for (let offset = 0; offset < STREAM_HISTORY; offset++) {
      expect(stream.value(offset)).toBe(expected[expected.length - 1 - offset]);
    }
  });
});
