import type { Candle } from "@candlewick/core";
import { candleFixtureDir, loadCandleFixture } from "@candlewick/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import crossRunCache from "./__fixtures__/cross-run-cache-strategy.js";
import filePeeking from "./__fixtures__/file-peeking-strategy.js";
import { futureOpenTime, lastClosedOpenTime } from "./__fixtures__/future-close.js";
import honestCross from "./__fixtures__/honest-cross-strategy.js";
import { analyzeLookahead } from "./analyze-lookahead.js";

// Three days of real BTCUSDT 1m candles: two of history, then a one-day window of 24 hourly decisions.
const HISTORY_FROM = new Date("2025-06-02T00:00:00Z");
const FROM = new Date("2025-06-04T00:00:00Z");
const TO = new Date("2025-06-05T00:00:00Z");

let candles: Candle[];
let closeAt: Map<number, number>;

beforeAll(async () => {
  candles = await loadCandleFixture("BTCUSDT", { from: HISTORY_FROM, to: new Date("2025-06-06T00:00:00Z") });
  closeAt = new Map(candles.map((candle) => [candle.timestamp, candle.close]));
});

/** What the cheats compute, from the candles themselves: is the close one hour ahead above the last close? */
function futureIsHigher(time: number): boolean {
  const later = closeAt.get(futureOpenTime(new Date(time)));
  const last = closeAt.get(lastClosedOpenTime(new Date(time)));
  return later !== undefined && last !== undefined && later > last;
}

describe("analyzeLookahead", () => {
  it("reports every signal of a strategy that reads the future from the candle file", async () => {
    const report = await analyzeLookahead(filePeeking, {
      candles: candles.filter((candle) => candle.timestamp < TO.getTime()),
      from: FROM,
      to: TO,
      samples: 100,
      candleDir: candleFixtureDir(),
    });
    // Every decision was sampled; in the full run it went long exactly where the file said the price rises.
    expect(report.sampled).toHaveLength(report.decisions);
    for (const decision of report.sampled) {
      expect(decision.signal !== null, new Date(decision.time).toISOString()).toBe(
        futureIsHigher(decision.time),
      );
    }
    // With the file cut at the decision's time, the future is gone: each of those signals becomes "no signal".
    const expected = report.sampled.filter((decision) => futureIsHigher(decision.time)).map((d) => d.time);
    expect(expected.length).toBeGreaterThan(0);
    expect(report.differences.map((difference) => difference.time)).toEqual(expected);
    for (const difference of report.differences) expect(difference.cut.signal).toBeNull();
  });

  it("misses the file reader when it is not told the candle folder (the guard is what cuts the files)", async () => {
    const report = await analyzeLookahead(filePeeking, {
      candles: candles.filter((candle) => candle.timestamp < TO.getTime()),
      from: FROM,
      to: TO,
      samples: 6,
    });
    expect(report.signals).toBeGreaterThan(0);
    expect(report.differences).toEqual([]);
  });

  it("reports the decisions a strategy changes once it has cached an earlier run", async () => {
    const report = await analyzeLookahead(crossRunCache, { candles, from: FROM, to: TO, samples: 12 });
    // Its first run only ever knew the past: no signal at all, one decision per hour.
    expect(report.signals).toBe(0);
    expect(report.decisions).toBe(24);
    expect(report.sampled).toHaveLength(12);
    // Re-asked after that run, it remembers the next hour wherever the run had shown it (up to the last
    // decision's minute before): a signal exactly where the price rose.
    const lastShown = FROM.getTime() + 23 * 3_600_000 - 60_000;
    const expected = report.sampled
      .map((decision) => decision.time)
      .filter((time) => futureOpenTime(new Date(time)) <= lastShown && futureIsHigher(time));
    expect(expected.length).toBeGreaterThan(0);
    expect(report.differences.map((difference) => difference.time)).toEqual(expected);
    for (const difference of report.differences) expect(difference.cut.signal?.position).toBe("long");
  });

  it("finds nothing in an honest strategy", async () => {
    const report = await analyzeLookahead(honestCross, { candles, from: FROM, to: TO, samples: 100 });
    expect(report.signals).toBeGreaterThan(0);
    expect(report.sampled).toHaveLength(report.decisions);
    expect(report.differences).toEqual([]);
  });
});
