import { addExchange, addFrame, addStrategy, Backtest, type Candle, getCandles } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, flat, MINUTE, minutes, uniqueName } from "../testing/memory-exchange.js";
import { CandleFeed } from "./candle-feed.js";

function feedOver(candles: Candle[], pageSize: number) {
  const exchange = createMemoryExchange(
    uniqueName("feed"),
    { TEST: candles },
    { maxCandlesPerRequest: pageSize },
  );
  return { exchange, feed: new CandleFeed(exchange, "TEST", "1m", MINUTE) };
}

const requested = (exchange: { requests: { since: number; limit: number }[] }) =>
  exchange.requests.map((r) => [(r.since - at(0)) / MINUTE, r.limit]);

describe("CandleFeed pagination", () => {
  it("pages through a range with maxCandlesPerRequest and fetches each range once", async () => {
    const { exchange, feed } = feedOver(minutes(0, 1000), 100);
    await feed.ensure(at(0), at(350));
    // 350 candles in pages of 100: [0,100) [100,200) [200,300) and the last 50
    expect(requested(exchange)).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
      [300, 50],
    ]);
    expect(feed.store.length).toBe(350);
    expect(feed.store.timestamp[349]).toBe(at(349));

    await feed.ensure(at(50), at(300)); // inside what is loaded: no request
    expect(exchange.requests).toHaveLength(4);

    await feed.ensure(at(0), at(400)); // only [350, 400) is new
    expect(requested(exchange).slice(4)).toEqual([[350, 50]]);
    expect(feed.store.length).toBe(400);

    await feed.ensure(at(-100), at(400)); // [−100, 0): one request, nothing there
    expect(requested(exchange).slice(5)).toEqual([[-100, 100]]);
    expect(feed.store.length).toBe(400);

    await feed.ensure(at(-100), at(400));
    expect(exchange.requests).toHaveLength(6);
    // what was stored is exactly the source, in order, once
    expect(feed.store.slice(0, feed.store.length)).toEqual(minutes(0, 400));
  });

  it("concurrent ensures of overlapping ranges share the loads", async () => {
    const { exchange, feed } = feedOver(minutes(0, 1000), 100);
    await Promise.all([
      feed.ensure(at(0), at(200)),
      feed.ensure(at(0), at(200)),
      feed.ensure(at(0), at(250)),
    ]);
    expect(requested(exchange)).toEqual([
      [0, 100],
      [100, 100],
      [200, 50],
    ]);
    expect(feed.store.length).toBe(250);
  });

  it("a gap in the data is paged over and kept as a gap (no invented candles)", async () => {
    // 80 minutes missing: [120, 200)
    const { exchange, feed } = feedOver(minutes(0, 400, [120, 200]), 100);
    await feed.ensure(at(0), at(300));
    // page 2 from 100 returns 100..119 then 200..279 (100 candles); page 3 resumes after 279
    expect(requested(exchange)).toEqual([
      [0, 100],
      [100, 100],
      [280, 20],
    ]);
    expect(feed.store.length).toBe(300 - 80);
    const index = feed.store.lowerBound(at(120));
    expect(feed.store.timestamp[index - 1]).toBe(at(119));
    expect(feed.store.timestamp[index]).toBe(at(200));
  });

  it("a source that ignores `since` is an ExchangeError, not an endless loop", async () => {
    const page = minutes(0, 10);
    const feed = new CandleFeed(
      { exchangeName: "stubborn", maxCandlesPerRequest: 10, getCandles: async () => page },
      "TEST",
      "1m",
      MINUTE,
    );
    await expect(feed.ensure(at(20), at(100))).rejects.toThrow(
      '[stubborn] getCandles ignored "since" for TEST',
    );
  });

  it("a source that does not return an array is an ExchangeError", async () => {
    const feed = new CandleFeed(
      { exchangeName: "weird", getCandles: async () => ({ candles: [] }) as never },
      "TEST",
      "1m",
      MINUTE,
    );
    await expect(feed.ensure(at(0), at(10))).rejects.toThrow(
      "[weird] getCandles must resolve to an array of candles",
    );
  });

  it("a failed load does not poison the next one", async () => {
    let fail = true;
    const feed = new CandleFeed(
      {
        exchangeName: "flaky",
        getCandles: async (_s, _i, since, limit) => {
          if (fail) throw new Error("timeout");
          return minutes(0, 100)
            .filter((c) => c.timestamp >= since.getTime())
            .slice(0, limit);
        },
      },
      "TEST",
      "1m",
      MINUTE,
    );
    await expect(feed.ensure(at(0), at(50))).rejects.toThrow(
      /^\[flaky\] getCandles\(TEST, 1m, .*, 50\) failed: timeout$/,
    );
    fail = false;
    await feed.ensure(at(0), at(50));
    expect(feed.store.length).toBe(50);
  });
});

describe("candles in a backtest", () => {
  it("the 1m range of a backtest is fetched once, in pages, and shared by later runs and getCandles", async () => {
    const exchangeName = uniqueName("paged-exchange");
    const exchange = createMemoryExchange(
      exchangeName,
      { TEST: minutes(-1500, 2000) },
      { maxCandlesPerRequest: 500 },
    );
    addExchange(exchange);
    const strategyName = uniqueName("paged-strategy");
    const frameName = uniqueName("paged-frame");
    const seen: number[] = [];
    addStrategy({
      strategyName,
      interval: "1m",
      async getSignal(symbol) {
        seen.push((await getCandles(symbol, "1m", 100)).length);
        return null;
      },
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(60)) });
    for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
      // no trades
    }
    // loaded range: 24h of warm-up before the frame, to frame end + (scheduleAwait 120 + max lifetime 1440 +
    // vwapCandles 5 + 1) minutes = [−1440, 60 + 1566 = 1626): 3066 candles = 6 pages of 500 + 66
    expect(requested(exchange)).toEqual([
      [-1440, 500],
      [-940, 500],
      [-440, 500],
      [60, 500],
      [560, 500],
      [1060, 500],
      [1560, 66],
    ]);
    expect(seen).toEqual(Array.from({ length: 60 }, () => 100));
    for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
      // a second run reads the same feed
    }
    expect(exchange.requests).toHaveLength(7);
  });

  it("a look-back longer than the warm-up is fetched once and prepended", async () => {
    const exchangeName = uniqueName("deep-exchange");
    const exchange = createMemoryExchange(
      exchangeName,
      { TEST: minutes(-3000, 200) },
      { maxCandlesPerRequest: 5000 },
    );
    addExchange(exchange);
    const strategyName = uniqueName("deep-strategy");
    const frameName = uniqueName("deep-frame");
    const seen: number[][] = [];
    addStrategy({
      strategyName,
      interval: "1m",
      async getSignal(symbol) {
        const candles = await getCandles(symbol, "1m", 2000);
        seen.push([candles.length, candles[0]!.timestamp, candles.at(-1)!.timestamp]);
        return null;
      },
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(3)) });
    for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
      // nothing
    }
    // at 10:00 + k: the 2000 minutes [k − 2000, k − 1]
    expect(seen).toEqual([0, 1, 2].map((k) => [2000, at(k - 2000), at(k - 1)]));
    // the warm-up load [−1440, 3 + 1566 = 1569) = 3009 minutes, then the older part [−2000, −1440) once
    expect(requested(exchange)).toEqual([
      [-1440, 3009],
      [-2000, 560],
    ]);
  });

  // ENGINE BUG (reported): when the exchange has less history than a look-back asks for, every getCandles call
  // asks the exchange again for an ever older range (context/market-data.ts closedWindow, the extension loop):
  // one exchange request per tick, against ARCHITECTURE §4 ("must not be bound by per-tick I/O").
  it("a look-back longer than the available history does not cost an exchange request per tick", async () => {
    const exchangeName = uniqueName("short-history");
    const exchange = createMemoryExchange(exchangeName, { TEST: minutes(-30, 200) });
    addExchange(exchange);
    const strategyName = uniqueName("short-history-strategy");
    const frameName = uniqueName("short-history-frame");
    const lengths: number[] = [];
    addStrategy({
      strategyName,
      interval: "1m",
      async getSignal(symbol) {
        lengths.push((await getCandles(symbol, "1m", 100)).length);
        return null;
      },
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(60)) });
    for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
      // nothing
    }
    // what exists: 30 minutes of history at 10:00, one more each minute
    expect(lengths).toEqual(Array.from({ length: 60 }, (_, k) => 30 + k));
    // the run's range once, and at most a few look-backs for the missing history — not 60
    expect(exchange.requests.length).toBeLessThanOrEqual(4);
  });

  it("a frame with no 1m candles is an ExchangeError naming the symbol and the frame", async () => {
    const exchangeName = uniqueName("empty-exchange");
    addExchange(createMemoryExchange(exchangeName, { TEST: flat(at(-100), 10, 100) }));
    const strategyName = uniqueName("empty-strategy");
    const frameName = uniqueName("empty-frame");
    addStrategy({ strategyName, interval: "1m", getSignal: () => null });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(10)) });
    const run = async () => {
      for await (const _ of Backtest.run("TEST", { strategyName, exchangeName, frameName })) {
        // nothing
      }
    };
    await expect(run()).rejects.toThrow(
      `[${exchangeName}] no 1m candles for TEST in frame "${frameName}" (2024-01-01T10:00:00.000Z .. 2024-01-01T10:10:00.000Z)`,
    );
  });
});
