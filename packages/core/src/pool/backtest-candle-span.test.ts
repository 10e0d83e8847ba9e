import { fileURLToPath } from "node:url";
import { backtestCandleSpan, createCsvExchange, createEngine, type ExchangeSchema } from "@candlewick/core";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const MINUTE = 60_000;
const start = Date.parse("2026-03-25T00:00:30Z"); // not on a minute: the first tick is the next minute
const end = Date.parse("2026-03-28T00:00:00Z");

/** The CSV exchange, noting each 1m request (since, limit). */
function recording(requests: { since: number; limit: number }[]): ExchangeSchema {
  const csv = createCsvExchange({ exchangeName: "csv", dir });
  return {
    ...csv,
    getCandleColumns: (symbol, interval, since, limit) => {
      if (interval === "1m") requests.push({ since: since.getTime(), limit });
      return csv.getCandleColumns!(symbol, interval, since, limit);
    },
  };
}

describe("backtestCandleSpan", () => {
  it("is the range a real backtest asks its exchange for first, default and patched config", async () => {
    for (const config of [
      undefined,
      { maxSignalLifetimeMinutes: 600, defaultSignalLifetimeMinutes: 600, scheduleAwaitMinutes: 30 },
    ]) {
      const requests: { since: number; limit: number }[] = [];
      const engine = createEngine(config === undefined ? {} : { config });
      engine.addExchange(recording(requests));
      const frame = {
        frameName: "f",
        interval: "5m" as const,
        startDate: new Date(start),
        endDate: new Date(end),
      };
      engine.addFrame(frame);
      engine.addStrategy({ strategyName: "idle", interval: "5m", getSignal: async () => null });
      for await (const _ of engine.Backtest.run("BTCUSDT", {
        strategyName: "idle",
        exchangeName: "csv",
        frameName: "f",
      })) {
        // never trades
      }
      await engine.dispose();
      // One page (the span is shorter than the CSV exchange's 100,000 candles): since + limit minutes is its end.
      const first = requests[0]!;
      expect(backtestCandleSpan(frame, config)).toEqual({
        from: first.since,
        to: first.since + first.limit * MINUTE,
      });
      // By hand: a day before the first tick (00:01), and after the end the longest wait, lifetime and VWAP window.
      const tail = config === undefined ? 120 + 1440 + 5 + 1 : 30 + 600 + 5 + 1;
      expect(backtestCandleSpan(frame, config)).toEqual({
        from: start + 30_000 - 1440 * MINUTE,
        to: end + tail * MINUTE,
      });
    }
  });

  it("names a bad config key", () => {
    const frame = {
      frameName: "f",
      interval: "1m" as const,
      startDate: new Date(start),
      endDate: new Date(end),
    };
    expect(() => backtestCandleSpan(frame, { vwapCandles: 0 })).toThrow(/vwapCandles/);
  });
});
