import {
  CandlewickError,
  ExchangeError,
  type ExchangeSchema,
  Live,
  type LiveClock,
  type LiveResult,
  type SignalDto,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  at,
  type LiveMarket,
  type Recorder,
  record,
  registerLiveMarket,
  takeProfitMarket,
} from "./live.test-helpers.js";

// Market and timing as in live-shutdown.test.ts: a long opened at 10:01 takes its profit at 10:06.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function recorded(market: LiveMarket): Recorder {
  const recorder = record(market);
  cleanups.push(() => recorder.stop());
  return recorder;
}

const longAt1001 = (_symbol: string, when: Date): SignalDto | null =>
  when.getTime() === at(1)
    ? { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
    : null;

/** A source whose `getCandles` fails, for the symbols and the calls `fails(symbol, call)` picks. */
function failing(
  fails: (symbol: string, call: number) => Error | undefined,
): (source: ExchangeSchema) => ExchangeSchema & { calls: Map<string, number> } {
  return (source) => {
    const calls = new Map<string, number>();
    return {
      ...source,
      calls,
      async getCandles(symbol, interval, since, limit) {
        const call = (calls.get(symbol) ?? 0) + 1;
        calls.set(symbol, call);
        const error = fails(symbol, call);
        if (error !== undefined) throw error;
        return source.getCandles(symbol, interval, since, limit);
      },
    };
  };
}

/** The replay's clock, recording the backoff delays the live loop asks for. */
function recordingDelays(clock: LiveClock): { clock: LiveClock; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    clock: {
      ...clock,
      delay: (ms) => {
        delays.push(ms);
        return clock.delay(ms);
      },
    },
  };
}

const timeout = (symbol: string) =>
  new ExchangeError("flaky", `request timed out for ${symbol}`, { symbol, isRetryable: true });

async function collect(run: AsyncIterable<LiveResult>): Promise<LiveResult[]> {
  const results: LiveResult[] = [];
  for await (const result of run) results.push(result);
  return results;
}

describe("Live: exchange errors in a tick", () => {
  it("retries a retryable error with exponential backoff, reports each retry, then trades as usual", async () => {
    const market = registerLiveMarket({
      label: "retry-twice",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(10),
      getSignal: longAt1001,
      // The first two requests (the first tick's) time out; the third works.
      wrapSource: failing((symbol, call) => (call <= 2 ? timeout(symbol) : undefined)),
    });
    const recorder = recorded(market);
    const { clock, delays } = recordingDelays(market.replay.clock);
    const results = await collect(
      Live.run("TEST", { ...market, clock, retry: { attempts: 4, baseDelayMs: 1000 } }),
    );

    // Two failures, two retries: 1 s then 2 s, each with ±25% jitter.
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(750);
    expect(delays[0]).toBeLessThanOrEqual(1250);
    expect(delays[1]).toBeGreaterThanOrEqual(1500);
    expect(delays[1]).toBeLessThanOrEqual(2500);
    // Each failure was reported on listenError, as the ExchangeError it was.
    expect(recorder.errors).toHaveLength(2);
    for (const error of recorder.errors) {
      expect(error).toBeInstanceOf(ExchangeError);
      expect(error).toMatchObject({ isRetryable: true, symbol: "TEST", code: "EXCHANGE_ERROR" });
    }
    // The first tick still ran (the strategy was asked at 10:01) and the trade went on as without errors.
    expect(market.asked.get("TEST")?.[0]).toBe(at(1));
    expect(results.map((result) => [result.action, result.timestamp])).toEqual([
      ["opened", at(1)],
      ["closed", at(6)],
    ]);
  });

  it("does not retry an error that is not retryable: the tick is skipped and reported, the next one works", async () => {
    const market = registerLiveMarket({
      label: "no-retry",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(10),
      getSignal: (symbol, when) => longAt1001(symbol, new Date(when.getTime() - 60_000)),
      wrapSource: failing((_symbol, call) => (call === 1 ? new Error("HTTP 400 bad symbol") : undefined)),
    });
    const recorder = recorded(market);
    const { clock, delays } = recordingDelays(market.replay.clock);
    const results = await collect(Live.run("TEST", { ...market, clock }));

    expect(delays).toEqual([]);
    expect(recorder.errors).toHaveLength(1);
    expect(recorder.errors[0]).toBeInstanceOf(ExchangeError);
    expect(recorder.errors[0]).toMatchObject({ isRetryable: false });
    expect(recorder.errors[0]!.message).toContain("HTTP 400 bad symbol");
    // 10:01 was skipped (no candles, strategy not asked); 10:02 ran.
    expect(market.asked.get("TEST")?.[0]).toBe(at(2));
    expect(results.map((result) => result.action)).toEqual(["opened", "closed"]);
  });

  it("a symbol whose exchange always fails is retried and reported every tick; the other symbols trade on", async () => {
    const market = registerLiveMarket({
      label: "isolation",
      candles: { GOOD: takeProfitMarket(), ALSO: takeProfitMarket(), BAD: takeProfitMarket() },
      start: at(0),
      end: at(10),
      getSignal: longAt1001,
      wrapSource: failing((symbol) => (symbol === "BAD" ? timeout(symbol) : undefined)),
    });
    const recorder = recorded(market);
    const { clock, delays } = recordingDelays(market.replay.clock);
    // maxFailedTicks above the 10 ticks of the replay: this test is about isolation (the stop after failed ticks
    // in a row is pinned in live-bad-ticks.test.ts).
    const options = { ...market, clock, retry: { attempts: 3, baseDelayMs: 500 }, maxFailedTicks: 11 };
    const [good, also, bad] = await Promise.all(
      ["GOOD", "ALSO", "BAD"].map((symbol) => collect(Live.run(symbol, options))),
    );

    // The healthy symbols went through their whole trade, on the same ticks as without the failing one.
    for (const results of [good!, also!]) {
      expect(results.map((result) => [result.action, result.timestamp])).toEqual([
        ["opened", at(1)],
        ["closed", at(6)],
      ]);
    }
    expect(bad).toEqual([]);
    expect(market.asked.get("BAD")).toBeUndefined();
    // BAD: 10 ticks (10:01..10:10), 3 attempts each; every failed attempt reported, backoff 0.5 s then 1 s.
    const badErrors = recorder.errors.filter((error) => CandlewickError.isInstance(error));
    expect(badErrors).toHaveLength(30);
    expect(badErrors.every((error) => (error as ExchangeError).symbol === "BAD")).toBe(true);
    expect(delays).toHaveLength(20);
    delays.forEach((delay, index) => {
      const base = index % 2 === 0 ? 500 : 1000;
      expect(delay).toBeGreaterThanOrEqual(base * 0.75);
      expect(delay).toBeLessThanOrEqual(base * 1.25);
    });
    // All three runs lived to the end of the replay.
    expect(recorder.done.map((event) => [event.symbol, event.cancelled]).sort()).toEqual([
      ["ALSO", false],
      ["BAD", false],
      ["GOOD", false],
    ]);
  });
});
