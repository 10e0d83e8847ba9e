import { fileURLToPath } from "node:url";
import {
  createCsvExchange,
  createEngine,
  InvalidArgumentError,
  shareBacktestCandles,
} from "@candlewick/core";
import { createStrategySchema } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import smaCross from "./__fixtures__/sma-cross.js";
import { createTrialCandleShares, TRIAL_EXCHANGE } from "./trial-candle-shares.js";
import type { TrialJob } from "./trial-job.js";

// The one loader of trial candles (pool runner and in-process runner): its 1m share must be what an engine's
// own backtest load gives, and it keeps as many spans per feed as it is told.

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("./__fixtures__/sma-cross.ts", import.meta.url));
const day = 86_400_000;
const firstMs = Date.parse("2026-03-25T00:00:00Z");

const job = (startMs: number, days = 3): TrialJob => ({
  studyId: "shares",
  trialNumber: 0,
  strategyModule,
  params: smaCross.defaults,
  symbols: ["BTCUSDT"],
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs: startMs + days * day },
  objective: { statistic: "totalPnl", aggregate: "sum" },
  metrics: [],
});

const columns = (buffer: SharedArrayBuffer, length: number) => new Float64Array(buffer, 0, 6 * length);

describe("createTrialCandleShares", () => {
  it("shares the 1m candles an engine's own backtest load gives (core's shareBacktestCandles), once", async () => {
    const shares = createTrialCandleShares();
    const [mine] = await shares.minuteShares(job(firstMs));

    const engine = createEngine();
    engine.addExchange(createCsvExchange({ exchangeName: TRIAL_EXCHANGE, dir }));
    engine.addFrame({
      frameName: "trial",
      interval: "1m",
      startDate: new Date(firstMs),
      endDate: new Date(firstMs + 3 * day),
    });
    engine.addStrategy(createStrategySchema(smaCross, smaCross.defaults, { strategyName: "trial" }));
    const theirs = await shareBacktestCandles(engine, "BTCUSDT", {
      strategyName: "trial",
      exchangeName: TRIAL_EXCHANGE,
      frameName: "trial",
    });
    await engine.dispose();

    expect({ from: mine!.from, to: mine!.to, length: mine!.length, interval: mine!.interval }).toEqual({
      from: theirs.from,
      to: theirs.to,
      length: theirs.length,
      interval: "1m",
    });
    expect(columns(mine!.buffer, mine!.length)).toEqual(columns(theirs.buffer, theirs.length));
    // Asked again: the same share, not a second load.
    expect((await shares.minuteShares(job(firstMs)))[0]!.id).toBe(mine!.id);
  });

  it("adds the strategy interval's whole history up to the same horizon, marked exhausted", async () => {
    const shares = createTrialCandleShares();
    const [minute, quarter] = await shares.sharesFor(job(firstMs), "15m");
    expect(minute!.id).toBe((await shares.minuteShares(job(firstMs)))[0]!.id);
    expect(quarter!.interval).toBe("15m");
    expect(quarter!.from).toBe(0);
    // The same horizon, on the 15m grid.
    expect(quarter!.to).toBe(Math.floor(minute!.to / 900_000) * 900_000);
    expect(quarter!.historyExhausted).toBe(true);
  });

  it("keeps spansPerFeed spans of a feed: the oldest is dropped and loaded again when asked", async () => {
    const a = job(firstMs, 2);
    const b = job(firstMs + 2 * day, 2);
    const one = createTrialCandleShares();
    const firstA = (await one.minuteShares(a))[0]!.id;
    await one.minuteShares(b);
    expect((await one.minuteShares(a))[0]!.id).not.toBe(firstA);

    const two = createTrialCandleShares({ spansPerFeed: 2 });
    const keptA = (await two.minuteShares(a))[0]!.id;
    await two.minuteShares(b);
    expect((await two.minuteShares(a))[0]!.id).toBe(keptA);
  });

  it("rejects a spansPerFeed that is not an integer >= 1, naming it", () => {
    expect(() => createTrialCandleShares({ spansPerFeed: 0 })).toThrow(InvalidArgumentError);
    expect(() => createTrialCandleShares({ spansPerFeed: 1.5 })).toThrow(/spansPerFeed/);
  });
});
