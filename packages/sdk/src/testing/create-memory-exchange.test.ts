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

  it("refuses other symbols", async () => {
    const memory = createMemoryExchange("memory-other", "BTCUSDT", []);
    await expect(memory.getCandles("ETHUSDT", "1m", new Date(0), 1)).rejects.toThrow(
      "no candles for ETHUSDT",
    );
  });
});
