import { addExchange, addFrame, Backtest, type Candle, createCsvExchange } from "@candlewick/core";
import { EMA, RSI } from "trading-signals";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineStrategy } from "../define/define-strategy.js";
import { registerStrategy } from "../define/register-strategy.js";
import { bracket } from "../signals/bracket.js";
import { candleFixtureDir } from "../testing/candle-fixture-dir.js";
import { loadCandleFixture } from "../testing/load-candle-fixture.js";
import { activeRunStreamCount } from "./run-streams.js";

interface Seen {
  when: number;
  ema: number | null;
  emaBefore: number | null;
  rsi: number | null;
  sma15m: number | null;
}

/** Records what the streams return at every call, and opens a short trade every 40th call (so calls skip time). */
function recorder(seen: Seen[], interval: "1m" | "5m") {
  return defineStrategy({
    name: `recorder-${interval}`,
    interval,
    params: z.object({}),
    defaults: {},
    async getSignal(ctx) {
      seen.push({
        when: ctx.when.getTime(),
        ema: await ctx.indicators.ema(21),
        emaBefore: await ctx.indicators.ema(21, { offset: 1 }),
        rsi: await ctx.indicators.rsi(14, { warmup: 300 }),
        sma15m: await ctx.indicators.sma(4, { interval: "15m", warmup: 8 }),
      });
      if (seen.length % 40 !== 0) return null;
      return bracket({
        position: "long",
        price: await ctx.averagePrice(),
        takeProfitPct: 0.6,
        stopLossPct: 0.6,
        minuteEstimatedTime: 60,
      });
    },
  });
}

/** Index of the newest candle closed at `when` (open time + 1m <= when). */
const newestClosed = (candles: Candle[], when: number) =>
  candles.findLastIndex((c) => c.timestamp + 60_000 <= when);

describe("ctx.indicators (streaming)", () => {
  it("equals the library fed once with every candle since the warm-up, at every call of a backtest", async () => {
    addExchange(createCsvExchange({ exchangeName: "stream-test-csv", dir: candleFixtureDir() }));
    addFrame({
      frameName: "stream-test-frame",
      interval: "1m",
      startDate: new Date("2025-06-03T00:00:00Z"),
      endDate: new Date("2025-06-04T00:00:00Z"),
    });
    const seen: Seen[] = [];
    const strategyName = registerStrategy(recorder(seen, "1m"));
    const before = activeRunStreamCount();
    const run = () =>
      Backtest.run("BTCUSDT", {
        strategyName,
        exchangeName: "stream-test-csv",
        frameName: "stream-test-frame",
      });
    let trades = 0;
    for await (const _ of run()) trades++;
    expect(trades).toBeGreaterThan(5);
    expect(seen.length).toBeGreaterThan(600);
    expect(seen.every((s) => s.ema !== null && s.rsi !== null && s.sma15m !== null)).toBe(true);
    expect(activeRunStreamCount()).toBe(before); // dropped when the run ended

    const candles = await loadCandleFixture("BTCUSDT");
    const first = newestClosed(candles, seen[0]!.when);
    // Calls skip the minutes a trade was open: the streams must catch up on exactly those candles.
    expect(seen.some((s, i) => i > 0 && s.when - seen[i - 1]!.when > 60_000)).toBe(true);
    for (const s of seen) {
      const last = newestClosed(candles, s.when);
      const ema = new EMA(21);
      for (let i = first - 210 + 1; i <= last; i++) ema.add(candles[i]!.close); // default warm-up 10 × 21
      const emaBefore = new EMA(21);
      for (let i = first - 210 + 1; i < last; i++) emaBefore.add(candles[i]!.close);
      const rsi = new RSI(14);
      for (let i = first - 300 + 1; i <= last; i++) rsi.add(candles[i]!.close);
      expect(s.ema).toBe(ema.getResult());
      expect(s.emaBefore).toBe(emaBefore.getResult());
      expect(s.rsi).toBe(rsi.getResult());
      // SMA(4) of 15m closes, by hand: the last four closed quarter-hours.
      const quarter = 15 * 60_000;
      const closedQuarterEnd = Math.floor(s.when / quarter) * quarter;
      const closes = [4, 3, 2, 1].map((k) => {
        const end = closedQuarterEnd - (k - 1) * quarter;
        return candles[candles.findIndex((c) => c.timestamp === end - 60_000)]!.close;
      });
      expect(s.sma15m).toBeCloseTo(closes.reduce((a, b) => a + b, 0) / 4, 9);
    }

    // A second run of the very same backtest starts from fresh streams: identical values.
    const again: Seen[] = [...seen];
    seen.length = 0;
    for await (const _ of run()) {
      // consume
    }
    expect(seen).toEqual(again);
  });

  it("starts over when time goes backwards for the same run key (an abandoned run)", async () => {
    addExchange(createCsvExchange({ exchangeName: "stream-test-csv-2", dir: candleFixtureDir() }));
    addFrame({
      frameName: "stream-test-frame-2",
      interval: "1m",
      startDate: new Date("2025-06-05T00:00:00Z"),
      endDate: new Date("2025-06-05T12:00:00Z"),
    });
    const seen: Seen[] = [];
    const strategyName = registerStrategy(recorder(seen, "5m"));
    const options = { strategyName, exchangeName: "stream-test-csv-2", frameName: "stream-test-frame-2" };
    const abandoned = Backtest.run("BTCUSDT", options);
    await abandoned.next(); // runs until the first trade closes, then is never resumed
    const partial = seen.length;
    expect(partial).toBeGreaterThan(1);
    for await (const _ of Backtest.run("BTCUSDT", options)) {
      // consume
    }
    expect(seen.slice(partial, partial * 2)).toEqual(seen.slice(0, partial));
  });
});
