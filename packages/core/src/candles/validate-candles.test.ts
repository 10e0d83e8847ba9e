import { addExchange, addFrame, addStrategy, Backtest, type Candle, ExchangeError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, flat, MINUTE, uniqueName } from "../testing/memory-exchange.js";
import { checkCandles, validateCandles } from "./validate-candles.js";

const ok = (minute: number, patch: Partial<Candle> = {}): Candle => ({
  timestamp: at(minute),
  open: 100,
  high: 101,
  low: 99,
  close: 100.5,
  volume: 3,
  ...patch,
});

function problem(candles: Candle[]): ExchangeError {
  try {
    validateCandles("ex", "TEST", MINUTE, candles);
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error("expected the candles to be rejected");
}

describe("validateCandles", () => {
  it("passes good candles through", () => {
    const candles = [ok(0), ok(1), ok(3)];
    expect(validateCandles("ex", "TEST", MINUTE, candles)).toEqual(candles);
  });

  it.each([
    ["a NaN close", { close: Number.NaN }, '"close" is NaN; expected a finite number'],
    ["an infinite high", { high: Number.POSITIVE_INFINITY }, '"high" is Infinity; expected a finite number'],
    [
      "a missing volume",
      { volume: undefined as unknown as number },
      '"volume" is undefined; expected a finite number',
    ],
    ["a string open", { open: "100" as unknown as number }, '"open" is 100; expected a finite number'],
    [
      "an unaligned timestamp",
      { timestamp: at(1) + 30_000 },
      `"timestamp" ${at(1) + 30_000} is not aligned to the interval (60000 ms)`,
    ],
    ["a zero low", { low: 0 }, "prices must be > 0"],
    ["a negative volume", { volume: -1 }, '"volume" is -1; expected >= 0'],
    ["a low above the open", { low: 100.2 }, '"low" 100.2 is above open/close'],
    ["a high below the close", { high: 100.4 }, '"high" 100.4 is below open/close'],
  ])("rejects %s, naming the candle's time, the symbol and the problem", (_name, patch, reason) => {
    const error = problem([ok(0), ok(1, patch)]);
    const time = "timestamp" in patch ? "2024-01-01T10:01:30.000Z" : "2024-01-01T10:01:00.000Z";
    expect(error.message).toBe(`[ex] bad candle at ${time} for TEST: ${reason}`);
    expect(error.exchangeName).toBe("ex");
    expect(error.symbol).toBe("TEST");
  });

  it("rejects a non-object", () => {
    expect(problem([null as unknown as Candle]).message).toBe(
      "[ex] bad candle at an unknown time (#0 of the page) for TEST: not an object",
    );
  });

  it("rejects candles out of order", () => {
    expect(problem([ok(0), ok(2), ok(1)]).message).toBe(
      "[ex] candles for TEST are not strictly increasing: #2 at 2024-01-01T10:01:00.000Z follows 2024-01-01T10:02:00.000Z",
    );
  });

  it("drops an exact duplicate but rejects a conflicting one", () => {
    expect(validateCandles("ex", "TEST", MINUTE, [ok(0), ok(1), ok(1), ok(2)])).toEqual([
      ok(0),
      ok(1),
      ok(2),
    ]);
    expect(problem([ok(0), ok(1), ok(1, { close: 100.6 })]).message).toBe(
      "[ex] candles for TEST are not strictly increasing: #2 at 2024-01-01T10:01:00.000Z follows 2024-01-01T10:01:00.000Z",
    );
  });

  it("checks alignment against the interval", () => {
    const fiveMinutes = 5 * MINUTE;
    expect(validateCandles("ex", "TEST", fiveMinutes, [ok(0), ok(5)])).toHaveLength(2);
    expect(problem2(fiveMinutes, [ok(0), ok(6)])).toBe(
      `[ex] bad candle at 2024-01-01T10:06:00.000Z for TEST: "timestamp" ${at(6)} is not aligned to the interval (300000 ms)`,
    );
  });
});

describe("a candle whose property getter throws (issue 9 item 10)", () => {
  it("is an ExchangeError naming the exchange, the symbol, the candle's time and the field", () => {
    const trap = ok(1);
    Object.defineProperty(trap, "close", {
      get() {
        throw new Error("boom");
      },
    });
    const error = problem([ok(0), trap]);
    expect(error.message).toBe(
      '[ex] bad candle at 2024-01-01T10:01:00.000Z for TEST: reading "close" threw: boom',
    );
    expect(error.exchangeName).toBe("ex");
    expect(error.symbol).toBe("TEST");
  });

  it("says the time is unknown when reading the timestamp itself throws", () => {
    const trap = ok(1);
    Object.defineProperty(trap, "timestamp", {
      get() {
        throw new TypeError("no time");
      },
    });
    expect(problem([ok(0), trap]).message).toBe(
      '[ex] bad candle at an unknown time (#1 of the page) for TEST: reading "timestamp" threw: no time',
    );
  });

  it("names a timestamp outside the Date range without throwing a RangeError", () => {
    expect(problem([ok(0, { timestamp: 9e15 * MINUTE })]).message).toMatch(
      /^\[ex\] bad candle at an unknown time \(#0 of the page\) for TEST: "timestamp" /,
    );
  });
});

describe("checkCandles with sort (files, overlapping pages: exchange-ccxt's cache and CSV import)", () => {
  const plain = (message: string) => new Error(message);

  it("sorts by open time and drops exact duplicates", () => {
    expect(checkCandles([ok(2), ok(1), ok(2), ok(3)], MINUTE, plain, { sort: true })).toEqual([
      ok(1),
      ok(2),
      ok(3),
    ]);
  });

  it("refuses two different candles for the same open time, showing both", () => {
    expect(() => checkCandles([ok(1), ok(1, { close: 100.6 })], MINUTE, plain, { sort: true })).toThrow(
      "two different candles open at 2024-01-01T10:01:00.000Z: o=100 h=101 l=99 c=100.5 v=3 and o=100 h=101 l=99 c=100.6 v=3",
    );
  });

  it("throws the error its caller builds, with the candle in the details", () => {
    const seen: Array<Readonly<Record<string, unknown>>> = [];
    const custom = (message: string, details: Readonly<Record<string, unknown>>) => {
      seen.push(details);
      return new RangeError(message);
    };
    expect(() => checkCandles([ok(0, { volume: -1 })], MINUTE, custom, { sort: true, subject: "X" })).toThrow(
      new RangeError('bad candle at 2024-01-01T10:00:00.000Z for X: "volume" is -1; expected >= 0'),
    );
    expect(seen).toEqual([{ candle: ok(0, { volume: -1 }), index: 0, time: "2024-01-01T10:00:00.000Z" }]);
  });

  it("accepts a flat zero-volume candle", () => {
    const flatCandle = ok(1, { open: 5, high: 5, low: 5, close: 5, volume: 0 });
    expect(checkCandles([flatCandle], MINUTE, plain, { sort: true })).toEqual([flatCandle]);
  });
});

function problem2(step: number, candles: Candle[]): string {
  try {
    validateCandles("ex", "TEST", step, candles);
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
}

describe("invalid candles from an exchange end the backtest with an ExchangeError", () => {
  it("a high below the close", async () => {
    const exchangeName = uniqueName("bad-candles");
    const candles = [
      ...flat(at(-5), 5, 100),
      { timestamp: at(0), open: 100, high: 99, low: 98, close: 100, volume: 1 },
    ];
    addExchange(createMemoryExchange(exchangeName, { TEST: [...candles, ...flat(at(1), 10, 100)] }));
    const strategyName = uniqueName("bad-candles-strategy");
    const frameName = uniqueName("bad-candles-frame");
    addStrategy({ strategyName, interval: "1m", getSignal: () => null });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(10)) });
    const run = async () => {
      for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
        // nothing
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).message).toBe(
      `[${exchangeName}] bad candle at 2024-01-01T10:00:00.000Z for TEST: "high" 99 is below open/close`,
    );
    expect((error as ExchangeError).details).toMatchObject({
      exchangeName,
      symbol: "TEST",
      candle: { timestamp: at(0), high: 99 },
    });
  });
});
