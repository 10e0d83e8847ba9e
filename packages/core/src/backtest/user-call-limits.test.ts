import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type Candle,
  CandlewickError,
  ExchangeError,
  getCandles,
  Live,
  type LiveResult,
  type SignalDto,
  SignalValidationError,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { record, registerLiveMarket, takeProfitMarket } from "../live/live.test-helpers.js";
import { at, createMemoryExchange, flat, uniqueName } from "../testing/memory-exchange.js";
import { runScenario } from "../testing/scenario.js";

// Issue 9 items 6 and 10: what the engine does when user code (getSignal, an exchange's getCandles) misbehaves.
// Flat candles at 100 throughout: every signal below is checked against an entry of 100.
const candles = flat(at(-30), 90, 100);
const long: SignalDto = { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 5 };
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

describe("a non-native thenable from getSignal", () => {
  it("is awaited like a promise, and its signal opens", async () => {
    const outcome = await runScenario({
      label: "thenable",
      candles,
      start: at(0),
      end: at(3),
      getSignal: (_symbol, when) =>
        (when.getTime() === at(0)
          ? {
              // biome-ignore lint/suspicious/noThenProperty: the point of the test is a hand-made thenable
              then(resolve: (value: SignalDto) => void) {
                resolve(long);
              },
            }
          : null) as unknown as SignalDto | null,
    });
    expect(outcome.errors).toEqual([]);
    // Opened at 10:00 at 100, flat market: expires after 5 minutes.
    expect(outcome.results.map((result) => [result.action, result.closeTimestamp])).toEqual([
      ["closed", at(5)],
    ]);
  });
});

describe("a strategy-supplied id reused within a run", () => {
  it("is rejected as a SignalValidationError naming the id; the first signal with it trades", async () => {
    const outcome = await runScenario({
      label: "same-id",
      candles,
      start: at(0),
      end: at(12),
      getSignal: () => ({ ...long, id: "my-id" }),
    });
    // 10:00 opens "my-id", which expires at 10:05; at 10:05 and every minute after the same id comes back.
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]!.signal.id).toBe("my-id");
    const rejected = outcome.errors.filter((error) => error instanceof SignalValidationError);
    expect(rejected).toHaveLength(7); // 10:05 .. 10:11
    expect(rejected[0]).toMatchObject({ field: "id", strategyName: outcome.strategyName, symbol: "TEST" });
    expect(rejected[0]!.message).toContain('"id" "my-id" was already used by an earlier signal of this run');
  });

  it("accepts distinct ids", async () => {
    let n = 0;
    const outcome = await runScenario({
      label: "new-ids",
      candles,
      start: at(0),
      end: at(12),
      getSignal: () => ({ ...long, id: `id-${++n}` }),
    });
    expect(outcome.errors).toEqual([]);
    // 10:00 → 10:05, 10:05 → 10:10, 10:10 → 10:15 (a signal opened in the frame is followed past its end).
    expect(outcome.results.map((result) => result.signal.id)).toEqual(["id-1", "id-2", "id-3"]);
  });
});

describe("getSignalTimeoutMs", () => {
  it("reports a getSignal that never settles, naming strategy, symbol and time, and the run goes on", async () => {
    const began = performance.now();
    const outcome = await runScenario({
      label: "hung-signal",
      candles,
      start: at(0),
      end: at(3),
      getSignal: () => never<SignalDto>(),
      config: { getSignalTimeoutMs: 40 },
    });
    // Three ticks, 40 ms each: far below what a hang would take; the default 30 s is not involved.
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(outcome.done).toHaveLength(1);
    expect(outcome.done[0]!.error).toBeUndefined();
    const timeouts = outcome.errors.filter(
      (error) => CandlewickError.isInstance(error) && error.code === "STRATEGY_TIMEOUT",
    );
    expect(timeouts.map((error) => error.message)).toEqual(
      ["2024-01-01T10:00:00.000Z", "2024-01-01T10:01:00.000Z", "2024-01-01T10:02:00.000Z"].map(
        (time) =>
          `[core] strategy "${outcome.strategyName}" on TEST: getSignal at ${time} did not settle within 40 ms (getSignalTimeoutMs); no signal at that tick`,
      ),
    );
    expect((timeouts[0] as CandlewickError).details).toMatchObject({
      strategyName: outcome.strategyName,
      symbol: "TEST",
      exchangeName: outcome.exchangeName,
      when: "2024-01-01T10:00:00.000Z",
      timeoutMs: 40,
    });
  });
});

/** An exchange serving `candles` for TEST whose getCandles never settles for the symbols `hangs` names. */
function hangingExchange(hangs: (symbol: string) => boolean) {
  const exchangeName = uniqueName("hung-exchange");
  const memory = createMemoryExchange(exchangeName, { TEST: candles });
  addExchange({
    exchangeName,
    getCandles: (symbol, interval, since, limit) =>
      hangs(symbol) ? never<Candle[]>() : memory.getCandles(symbol, interval, since, limit),
  });
  return exchangeName;
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) {
    // results are not the point
  }
}

describe("getCandlesTimeoutMs", () => {
  it("ends a backtest whose exchange never answers with an ExchangeError naming exchange, symbol and time", async () => {
    const exchangeName = hangingExchange(() => true);
    const strategyName = uniqueName("hung-candles-strategy");
    const frameName = uniqueName("hung-candles-frame");
    addStrategy({ strategyName, interval: "1m", getSignal: () => null });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(3)) });
    const began = performance.now();
    const error = await drain(
      Backtest.run("TEST", { strategyName, exchangeName, frameName, config: { getCandlesTimeoutMs: 40 } }),
    ).catch((caught: unknown) => caught);
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ExchangeError);
    // The first request starts one day (the warm-up) before the frame: 2023-12-31T10:00Z.
    expect((error as ExchangeError).message).toMatch(
      new RegExp(
        `^\\[${exchangeName}\\] getCandles\\(TEST, 1m, 2023-12-31T10:00:00\\.000Z, \\d+\\) did not settle within 40 ms \\(getCandlesTimeoutMs\\)$`,
      ),
    );
    expect(error).toMatchObject({ exchangeName, symbol: "TEST", isRetryable: true });
  });

  it("a strategy reading a hung symbol gets the ExchangeError; it is reported and the run goes on", async () => {
    const exchangeName = hangingExchange((symbol) => symbol === "HUNG");
    const outcome = await (async () => {
      const strategyName = uniqueName("hung-other-strategy");
      const frameName = uniqueName("hung-other-frame");
      addStrategy({
        strategyName,
        interval: "1m",
        getSignal: async () => {
          await getCandles("HUNG", "1m", 5);
          return null;
        },
      });
      addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(2)) });
      const { listenError } = await import("@candlewick/core");
      const errors: Error[] = [];
      const stop = listenError((error) => {
        errors.push(error);
      });
      try {
        await drain(
          Backtest.run("TEST", {
            strategyName,
            exchangeName,
            frameName,
            config: { getCandlesTimeoutMs: 40 },
          }),
        );
      } finally {
        stop();
      }
      return errors;
    })();
    const hung = outcome.filter((error) => error instanceof ExchangeError && error.symbol === "HUNG");
    expect(hung.length).toBeGreaterThanOrEqual(2); // one per tick (10:00, 10:01)
    expect(hung[0]!.message).toContain(`[${exchangeName}] getCandles(HUNG, 1m, `);
    expect(hung[0]!.message).toContain("did not settle within 40 ms");
  });
});

describe("a page with more candles than the limit", () => {
  it("is an ExchangeError naming exchange, symbol, limit and count, not a later 'no 1m candles'", async () => {
    const exchangeName = uniqueName("overfull");
    const memory = createMemoryExchange(exchangeName, { TEST: candles });
    addExchange({
      exchangeName,
      maxCandlesPerRequest: 10,
      // Every page carries one candle too many.
      getCandles: async (symbol, interval, since, limit) => {
        const page = await memory.getCandles(symbol, interval, since, limit + 1);
        return page;
      },
    });
    const strategyName = uniqueName("overfull-strategy");
    const frameName = uniqueName("overfull-frame");
    addStrategy({ strategyName, interval: "1m", getSignal: () => null });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(3)) });
    const error = await drain(Backtest.run("TEST", { strategyName, exchangeName, frameName })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).message).toBe(
      `[${exchangeName}] getCandles(TEST, 1m, 2023-12-31T10:00:00.000Z, 10) returned 11 candles; expected at most 10 (the limit asked for)`,
    );
    expect((error as ExchangeError).details).toMatchObject({ symbol: "TEST", limit: 10, count: 11 });
  });
});

describe("a hung getSignal on a shared replay", () => {
  it("times out on its symbol while the other symbols trade on", async () => {
    const market = registerLiveMarket({
      label: "hung-replay",
      candles: { GOOD: takeProfitMarket(), HUNG: takeProfitMarket() },
      start: at(0),
      end: at(10),
      getSignal: (symbol, when) => {
        if (symbol === "HUNG") return never<SignalDto>();
        return when.getTime() === at(1)
          ? { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
          : null;
      },
    });
    const recorder = record(market);
    const collect = async (symbol: string) => {
      const results: LiveResult[] = [];
      for await (const result of Live.run(symbol, { ...market, config: { getSignalTimeoutMs: 30 } })) {
        results.push(result);
      }
      return results;
    };
    try {
      const [good, hung] = await Promise.all([collect("GOOD"), collect("HUNG")]);
      // GOOD: the long opened at 10:01 takes profit on the 10:05 candle, decided at 10:06 (takeProfitMarket).
      expect(good!.map((result) => [result.action, result.timestamp])).toEqual([
        ["opened", at(1)],
        ["closed", at(6)],
      ]);
      expect(hung).toEqual([]);
      const timeouts = recorder.errors.filter(
        (error) => CandlewickError.isInstance(error) && error.code === "STRATEGY_TIMEOUT",
      );
      expect(timeouts.length).toBeGreaterThan(0);
      expect(timeouts[0]!.message).toContain(
        `strategy "${market.strategyName}" on HUNG: getSignal at 2024-01-01T10:0`,
      );
    } finally {
      recorder.stop();
    }
  });
});

describe("getCandlesTimeoutMs in a live run", () => {
  it("bounds the live tick's own candle loads with the run's config, not only the process-wide one", async () => {
    let calls = 0;
    const market = registerLiveMarket({
      label: "hung-live-candles",
      candles: { TEST: flat(at(-30), 120, 100) },
      start: at(0),
      end: at(12),
      getSignal: () => null,
      // The first load (warm-up) answers; every later page request hangs for good.
      wrapSource: (source) => ({
        ...source,
        getCandles(symbol, interval, since, limit) {
          calls++;
          return calls === 1 ? source.getCandles(symbol, interval, since, limit) : never<Candle[]>();
        },
      }),
    });
    const recorder = record(market);
    try {
      const run = Live.run("TEST", {
        ...market,
        maxFailedTicks: 1,
        retry: { attempts: 1 },
        config: { getCandlesTimeoutMs: 30 },
      });
      // With the process-wide 60 s default the second tick would hang past the test's own timeout.
      const error = await (async () => {
        for await (const _ of run) {
          // no result expected on a flat market with no signal
        }
      })().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(CandlewickError.isInstance(error) && error.code).toBe("LIVE_TICKS_FAILED");
      expect((error as Error).message).toContain(
        `[${market.exchangeName}] getCandles(TEST, 1m, 2024-01-01T10:01:00.000Z, 1) did not settle within 30 ms (getCandlesTimeoutMs)`,
      );
    } finally {
      recorder.stop();
    }
  }, 10_000);
});
