import { fileURLToPath } from "node:url";
import {
  createCsvExchange,
  createEngine,
  type Engine,
  type ExchangeSchema,
  getCandleColumns,
  InvalidArgumentError,
  type SignalDto,
  seedSharedCandles,
  shareBacktestCandles,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";

// Real BTCUSDT 1m candles (data/candles). One engine loads a frame's candles into shared memory; other engines of
// this thread backtest the same frame from it without asking their exchange for a 1m candle.
const dir = fileURLToPath(new URL("../../../../data/candles", import.meta.url));
const run = { strategyName: "sma", exchangeName: "csv", frameName: "two-weeks" } as const;
const frameStart = Date.parse("2025-06-01T00:00:00Z");
const frameEnd = Date.parse("2025-06-15T00:00:00Z");

/** The CSV exchange, counting its 1m requests. */
function countingExchange(counter: { requests: number }): ExchangeSchema {
  const csv = createCsvExchange({ exchangeName: run.exchangeName, dir });
  return {
    ...csv,
    getCandles: (symbol, interval, since, limit) => {
      if (interval === "1m") counter.requests += 1;
      return csv.getCandles(symbol, interval, since, limit);
    },
    getCandleColumns: (symbol, interval, since, limit) => {
      if (interval === "1m") counter.requests += 1;
      return csv.getCandleColumns!(symbol, interval, since, limit);
    },
  };
}

/** An engine with the counting exchange, the frame and an SMA(8)/SMA(21) cross on 1m closes. */
function setUp(counter: { requests: number }): Engine {
  const engine = createEngine();
  engine.addExchange(countingExchange(counter));
  engine.addFrame({
    frameName: run.frameName,
    interval: "1m",
    startDate: new Date(frameStart),
    endDate: new Date(frameEnd),
  });
  engine.addStrategy({
    strategyName: run.strategyName,
    interval: "1m",
    async getSignal(symbol): Promise<SignalDto | null> {
      const { close, length } = await getCandleColumns(symbol, "1m", 22);
      if (length < 22) return null;
      const mean = (from: number, to: number) => {
        let sum = 0;
        for (let i = from; i < to; i++) sum += close[i]!;
        return sum / (to - from);
      };
      const before = mean(length - 9, length - 1) - mean(length - 22, length - 1);
      const now = mean(length - 8, length) - mean(length - 21, length);
      const price = close[length - 1]!;
      if (before <= 0 && now > 0)
        return {
          position: "long",
          priceTakeProfit: price * 1.01,
          priceStopLoss: price * 0.99,
          minuteEstimatedTime: 240,
        };
      if (before >= 0 && now < 0)
        return {
          position: "short",
          priceTakeProfit: price * 0.99,
          priceStopLoss: price * 1.01,
          minuteEstimatedTime: 240,
        };
      return null;
    },
  });
  return engine;
}

async function backtest(engine: Engine): Promise<string> {
  for await (const _ of engine.Backtest.run("BTCUSDT", run)) {
    // trades are read back below
  }
  return JSON.stringify(engine.Backtest.getData(run.strategyName, "BTCUSDT"));
}

describe("shareBacktestCandles / seedSharedCandles", () => {
  it("lets other engines backtest the frame from shared memory: same data, no 1m request", async () => {
    const plain = setUp({ requests: 0 });
    const expected = await backtest(plain);
    await plain.dispose();

    const loading = { requests: 0 };
    const first = setUp(loading);
    const share = await shareBacktestCandles(first, "BTCUSDT", run);
    expect(loading.requests).toBeGreaterThan(0);
    expect(share.buffer).toBeInstanceOf(SharedArrayBuffer);
    // The day of warm-up before the frame, the frame, and the horizon past it: at least 15 days of minutes.
    expect(share.from).toBeLessThanOrEqual(frameStart - 86_400_000);
    expect(share.length).toBeGreaterThanOrEqual(15 * 1440);
    expect(share.buffer.byteLength).toBe(share.length * 48);
    expect(await backtest(first)).toBe(expected);
    await first.dispose();

    for (let round = 0; round < 2; round++) {
      const seededCounter = { requests: 0 };
      const seeded = setUp(seededCounter);
      expect(seedSharedCandles(seeded, [share])).toBe(1);
      expect(seedSharedCandles(seeded, [share])).toBe(0); // adopted once per engine
      expect(await backtest(seeded)).toBe(expected);
      expect(seededCounter.requests).toBe(0);
      await seeded.dispose();
    }
    expect(JSON.parse(expected).tradeCount).toBeGreaterThan(5);
  }, 60_000);

  it("names what is wrong: an unknown frame, an engine not made by createEngine", async () => {
    const engine = setUp({ requests: 0 });
    await expect(shareBacktestCandles(engine, "BTCUSDT", { ...run, frameName: "nope" })).rejects.toThrow(
      /nope/,
    );
    expect(() => seedSharedCandles({} as Engine, [])).toThrow(InvalidArgumentError);
    await engine.dispose();
  });
});
