import {
  type Candle,
  CandlewickError,
  type DoneEvent,
  Live,
  type LiveResult,
  listenDoneLive,
  listenError,
  type SignalDto,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { bars, flat } from "../testing/memory-exchange.js";
import {
  at,
  type LiveMarket,
  type Recorder,
  record,
  registerLiveMarket,
  storedState,
} from "./live.test-helpers.js";

// Regression (issue 9, item 5): one bad candle in the history made every later tick fail on the same page (330
// of 360 ticks skipped), so an open position was never closed and nothing escalated. Now a candle that fails
// validation is dropped (the minute counts as missing) and reported with its time and symbol, and a run whose
// ticks keep failing for another reason stops with LIVE_TICKS_FAILED after `maxFailedTicks` ticks in a row.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function recorded(market: LiveMarket): Recorder {
  const recorder = record(market);
  cleanups.push(() => recorder.stop());
  return recorder;
}

/** A long at 100 asked at 10:01 only: take-profit 101, stop-loss 99, 60 minutes. */
const longAt1001 = (_symbol: string, when: Date): SignalDto | null =>
  when.getTime() === at(1)
    ? { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
    : null;

/** Flat at 100 from 09:30 to 16:00, with one candle whose high is below its open at `badMinute`. */
function marketWithBadCandle(badMinute: number): Candle[] {
  const candles = flat(at(-30), 390, 100);
  const index = candles.findIndex((candle) => candle.timestamp === at(badMinute));
  candles[index] = bars(at(badMinute), [[100, 99.5, 99.5, 100]])[0]!;
  return candles;
}

async function collect(run: AsyncIterable<LiveResult>): Promise<LiveResult[]> {
  const results: LiveResult[] = [];
  for await (const result of run) results.push(result);
  return results;
}

/** The failed ticks reported on listenError (each skipped tick reports the exchange's error). */
const downReports = (recorder: Recorder) =>
  recorder.errors.filter((error) => error.message.includes("HTTP 503 exchange down"));

describe("Live: a bad candle does not stall the run", () => {
  it.each([
    ["while the position is open (10:10)", 10],
    ["in the history loaded on the first tick (09:40)", -20],
  ])("a bad candle %s is dropped and reported; the position still closes on time", async (_, badMinute) => {
    const market = registerLiveMarket({
      label: `bad-candle-${badMinute}`,
      candles: { TEST: marketWithBadCandle(badMinute) },
      start: at(0),
      end: at(360),
      getSignal: longAt1001,
    });
    const recorder = recorded(market);
    const results = await collect(Live.run("TEST", { ...market, clock: market.replay.clock }));

    // Opened at 10:01 at 100 in a flat market: neither level is touched, it expires after 60 minutes (11:01) at
    // the close of the last candle before then, 100; the PnL is the round trip's costs only.
    expect(results.map((result) => [result.action, result.timestamp])).toEqual([
      ["opened", at(1)],
      ["closed", at(61)],
    ]);
    const closed = results[1]!;
    expect(closed).toMatchObject({ closeReason: "time_expired", pnl: { priceOpen: 100, priceClose: 100 } });
    // No tick failed (the issue saw 330 of 360 skipped): the strategy was asked on the first tick and on every
    // idle tick after the close (11:01 to 16:00 = 300 ticks), and the only error reported is the dropped candle.
    const asked = market.asked.get("TEST") ?? [];
    expect(asked[0]).toBe(at(1));
    expect(asked.filter((when) => when >= at(61))).toHaveLength(300);
    const dropped = recorder.errors.filter(
      (error) => CandlewickError.isInstance(error) && error.code === "CANDLE_DROPPED",
    );
    expect(recorder.errors).toEqual(dropped);
    expect(dropped).toHaveLength(1);
    const iso = new Date(at(badMinute)).toISOString();
    expect(dropped[0]!.message).toContain(`1m candle at ${iso} for TEST`);
    expect(dropped[0]!.message).toContain("dropped");
    expect((dropped[0] as CandlewickError).details).toMatchObject({
      symbol: "TEST",
      timestamp: at(badMinute),
    });
  });
});

describe("Live: ticks that keep failing end the run", () => {
  /** A source that answers normally, then fails every request from the `from`-th call on (not retryable). */
  const breaksAfter =
    (from: number) =>
    (source: LiveMarket["replay"]["exchange"]): LiveMarket["replay"]["exchange"] => {
      let calls = 0;
      return {
        ...source,
        async getCandles(symbol, interval, since, limit) {
          calls++;
          if (calls >= from) throw new Error("HTTP 503 exchange down");
          return source.getCandles(symbol, interval, since, limit);
        },
      };
    };

  it("Live.run throws LIVE_TICKS_FAILED after maxFailedTicks failed ticks in a row; the open position is kept", async () => {
    const market = registerLiveMarket({
      label: "ticks-failing",
      candles: { TEST: flat(at(-30), 120, 100) },
      start: at(0),
      end: at(60),
      getSignal: longAt1001,
      // Call 1 loads the first tick (10:01: the long opens), call 2 the 10:02 tick; then the exchange is down.
      wrapSource: breaksAfter(3),
    });
    const recorder = recorded(market);
    const results: LiveResult[] = [];
    const error = await (async () => {
      for await (const result of Live.run("TEST", {
        ...market,
        clock: market.replay.clock,
        maxFailedTicks: 3,
      })) {
        results.push(result);
      }
    })().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(results.map((result) => result.action)).toEqual(["opened"]);
    expect(CandlewickError.isInstance(error)).toBe(true);
    const failed = error as CandlewickError;
    expect(failed.code).toBe("LIVE_TICKS_FAILED");
    // Ticks 10:03, 10:04 and 10:05 failed: the third ends the run.
    expect(failed.message).toContain(`on TEST: 3 ticks in a row failed (${new Date(at(3)).toISOString()}`);
    expect(failed.message).toContain(new Date(at(5)).toISOString());
    expect(failed.message).toContain("HTTP 503 exchange down");
    expect(failed.message).toContain(`position ${results[0]!.signal.id} is open`);
    expect(failed.message).toContain("maxFailedTicks");
    expect(failed.details).toMatchObject({ symbol: "TEST", failedTicks: 3, maxFailedTicks: 3 });
    expect(downReports(recorder)).toHaveLength(2);
    // The state is kept for the next start: the position is still open, nothing was lost.
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "opened" }, outbox: [] });
  });

  it("a tick that works again resets the count", async () => {
    let calls = 0;
    const market = registerLiveMarket({
      label: "ticks-failing-reset",
      candles: { TEST: flat(at(-30), 120, 100) },
      start: at(0),
      end: at(12),
      getSignal: () => null,
      // Every other tick fails: never 2 in a row.
      wrapSource: (source) => ({
        ...source,
        async getCandles(symbol, interval, since, limit) {
          calls++;
          if (calls % 2 === 0) throw new Error("HTTP 503 exchange down");
          return source.getCandles(symbol, interval, since, limit);
        },
      }),
    });
    const recorder = recorded(market);
    await collect(Live.run("TEST", { ...market, clock: market.replay.clock, maxFailedTicks: 2 }));
    // 12 ticks, every other one failing: 6 reported, never two in a row.
    expect(downReports(recorder)).toHaveLength(6);
    expect(recorder.done).toMatchObject([{ symbol: "TEST", cancelled: false }]);
    expect(recorder.done[0]!.error).toBeUndefined();
  });

  it("Live.background reports LIVE_TICKS_FAILED on listenError before its done event", async () => {
    const market = registerLiveMarket({
      label: "ticks-failing-background",
      candles: { TEST: flat(at(-30), 120, 100) },
      start: at(0),
      end: at(60),
      getSignal: () => null,
      wrapSource: breaksAfter(1),
    });
    const seen: string[] = [];
    const stops = [
      listenError((error) => {
        if (CandlewickError.isInstance(error) && error.code === "LIVE_TICKS_FAILED") seen.push("error");
      }),
    ];
    const done = new Promise<DoneEvent>((resolve) => {
      stops.push(
        listenDoneLive((event) => {
          if (event.strategyName !== market.strategyName) return;
          seen.push("done");
          resolve(event);
        }),
      );
    });
    cleanups.push(() => {
      for (const stop of stops) stop();
    });
    Live.background("TEST", { ...market, maxFailedTicks: 4 });
    const event = await done;
    expect(seen).toEqual(["error", "done"]);
    expect((event.error as CandlewickError).code).toBe("LIVE_TICKS_FAILED");
    expect(event.error!.message).toContain("4 ticks in a row failed");
    expect(event.error!.message).toContain("nothing is open");
  });

  it("maxFailedTicks must be a whole number >= 1", () => {
    const market = registerLiveMarket({
      label: "ticks-failing-option",
      candles: { TEST: flat(at(-30), 60, 100) },
      start: at(0),
      end: at(10),
      getSignal: () => null,
    });
    expect(() => Live.run("TEST", { ...market, maxFailedTicks: Number.POSITIVE_INFINITY })).toThrow(
      '[Live.run] "maxFailedTicks" is Infinity; expected a whole number of ticks >= 1',
    );
  });
});
