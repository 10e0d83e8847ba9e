import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FIXTURE_RANGE, loadCandleFixture } from "./load-candle-fixture.js";

describe("loadCandleFixture", () => {
  it("serves [from, to) of the shipped slice", async () => {
    const candles = await loadCandleFixture("BTCUSDT", {
      from: new Date("2025-06-03T10:00:00Z"),
      to: new Date("2025-06-03T11:00:00Z"),
    });
    expect(candles).toHaveLength(60);
    expect(candles[0]!.timestamp).toBe(Date.parse("2025-06-03T10:00:00Z"));
    expect(candles.at(-1)!.timestamp).toBe(Date.parse("2025-06-03T10:59:00Z"));
    expect(await loadCandleFixture("ETHUSDT")).toHaveLength(14_400);
  });

  it("is a byte-for-byte slice of the repository's Binance data (provenance)", async () => {
    for (const symbol of ["BTCUSDT", "ETHUSDT"] as const) {
      const repoFile = fileURLToPath(
        new URL(`../../../../data/candles/${symbol}-1m.csv.gz`, import.meta.url),
      );
      const rows = gunzipSync(readFileSync(repoFile))
        .toString("utf8")
        .split("\n")
        .filter((line) => {
          const ts = Number(line.split(",")[0]);
          return ts >= FIXTURE_RANGE.from.getTime() && ts < FIXTURE_RANGE.to.getTime();
        });
      const candles = await loadCandleFixture(symbol);
      expect(candles.map((c) => [c.timestamp, c.open, c.high, c.low, c.close, c.volume].join(","))).toEqual(
        rows.map((line) => line.split(",").map(Number).join(",")),
      );
    }
  });

  it("rejects an unknown symbol or a range outside the fixture", async () => {
    await expect(loadCandleFixture("DOGEUSDT" as never)).rejects.toThrow('"symbol" is "DOGEUSDT"');
    await expect(
      loadCandleFixture("BTCUSDT", { from: new Date("2024-01-01"), to: new Date("2024-02-01") }),
    ).rejects.toThrow('"to"');
  });
});
