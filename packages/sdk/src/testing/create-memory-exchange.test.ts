import { createCsvExchange } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { candleFixtureDir } from "./candle-fixture-dir.js";
import { createMemoryExchange } from "./create-memory-exchange.js";
import { loadCandleFixture } from "./load-candle-fixture.js";

describe("createMemoryExchange", () => {
  it("rolls 1m candles up exactly as core's CSV exchange does", async () => {
    const candles = await loadCandleFixture("BTCUSDT", { to: new Date("2025-06-02T07:37:00Z") });
    const memory = createMemoryExchange("memory-check", "BTCUSDT", candles);
    const csv = createCsvExchange({ exchangeName: "csv-check", dir: candleFixtureDir() });
    const since = new Date(candles[0]!.timestamp);
    for (const interval of ["1m", "15m", "1h", "4h"] as const) {
      const fromMemory = await memory.getCandles("BTCUSDT", interval, since, 100_000);
      const fromCsv = (await csv.getCandles("BTCUSDT", interval, since, 100_000)).filter(
        (c) => c.timestamp < (fromMemory.at(-1)?.timestamp ?? 0) + 1,
      );
      expect(fromMemory.length).toBeGreaterThan(0);
      expect(fromMemory).toEqual(fromCsv);
    }
    // 07:37 is inside the 4h bucket 04:00–08:00: that candle had not closed and is not served.
    const fourHours = await memory.getCandles("BTCUSDT", "4h", since, 100);
    expect(fourHours.at(-1)!.timestamp).toBe(Date.parse("2025-06-02T00:00:00Z"));
  });

  // Issue 10: the harness kept a 10:00 1h candle made of 30 minutes while createCsvExchange dropped it.
  describe("drops the partial first and last buckets (values worked out by hand)", () => {
    const T1030 = Date.UTC(2024, 0, 1, 10, 30);
    /** Minute `i` from 10:30: open 100+i, high +0.5, low -0.5, close +0.25, volume 1; one spike up and one down. */
    const minutes = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        timestamp: T1030 + i * 60_000,
        open: 100 + i,
        high: i === 47 ? 500 : 100 + i + 0.5, // 11:17
        low: i === 70 ? 50 : 100 + i - 0.5, // 11:40
        close: 100 + i + 0.25,
        volume: 1,
      }));
    const hourCandles = (count: number) =>
      createMemoryExchange("memory-hand", "X", minutes(count)).getCandles("X", "1h", new Date(0), 10);

    it("10:30–12:59: the 10:00 hour (30 minutes) is dropped, 11:00 and 12:00 are whole", async () => {
      expect(await hourCandles(150)).toEqual([
        // 11:00 = minutes 30..89: open 130, high the 11:17 spike, low the 11:40 dip, close 189.25, 60 minutes.
        { timestamp: Date.UTC(2024, 0, 1, 11), open: 130, high: 500, low: 50, close: 189.25, volume: 60 },
        // 12:00 = minutes 90..149: open 190, high 249.5, low 189.5, close 249.25.
        {
          timestamp: Date.UTC(2024, 0, 1, 12),
          open: 190,
          high: 249.5,
          low: 189.5,
          close: 249.25,
          volume: 60,
        },
      ]);
    });

    it("10:30–12:44: the 12:00 hour has not closed and is dropped too", async () => {
      expect(await hourCandles(135)).toEqual([
        { timestamp: Date.UTC(2024, 0, 1, 11), open: 130, high: 500, low: 50, close: 189.25, volume: 60 },
      ]);
    });
  });

  it("refuses other symbols", async () => {
    const memory = createMemoryExchange("memory-other", "BTCUSDT", []);
    await expect(memory.getCandles("ETHUSDT", "1m", new Date(0), 1)).rejects.toThrow(
      "no candles for ETHUSDT",
    );
  });
});
