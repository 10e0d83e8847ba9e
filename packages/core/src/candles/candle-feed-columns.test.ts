import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type Candle, type CandleColumns, createCsvExchange, type ExchangeSchema } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { candlesToTable, tableToCandles } from "../exchanges/candle-table.js";
import { at, createMemoryExchange, MINUTE, minutes } from "../testing/memory-exchange.js";
import { CandleFeed } from "./candle-feed.js";

/**
 * The memory exchange's candles served as columns (and `getCandles` refusing, to show it is not used), with
 * the columns requests recorded.
 */
function columnar(candles: Candle[], pageSize: number): ExchangeSchema & { requests: [number, number][] } {
  const objects = createMemoryExchange("objects", { TEST: candles }, { maxCandlesPerRequest: pageSize });
  const requests: [number, number][] = [];
  return {
    exchangeName: "columns",
    maxCandlesPerRequest: pageSize,
    requests,
    getCandles: async () => {
      throw new Error("getCandles called");
    },
    async getCandleColumns(symbol, interval, since, limit) {
      requests.push([(since.getTime() - at(0)) / MINUTE, limit]);
      return candlesToTable(await objects.getCandles(symbol, interval, since, limit));
    },
  };
}

const rowsOf = (feed: CandleFeed) => feed.store.slice(0, feed.store.length);

describe("CandleFeed over getCandleColumns", () => {
  it("pages, extends at both edges and keeps gaps exactly as over getCandles", async () => {
    const source = minutes(-500, 1000, [120, 200]);
    const objects = new CandleFeed(
      createMemoryExchange("objects", { TEST: source }, { maxCandlesPerRequest: 100 }),
      "TEST",
      "1m",
      MINUTE,
    );
    const exchange = columnar(source, 100);
    const columns = new CandleFeed(exchange, "TEST", "1m", MINUTE);
    for (const [from, to] of [
      [0, 350],
      [0, 420],
      [-250, 420],
    ] as const) {
      await objects.ensure(at(from), at(to));
      await columns.ensure(at(from), at(to));
      expect(rowsOf(columns)).toEqual(rowsOf(objects));
    }
    expect(rowsOf(columns)).toEqual(minutes(-250, 420, [120, 200]));
    // [0,100) [100,200) (100..119 then 200..279) [280, 350); then [350, 420); then [−250, 0)
    expect(exchange.requests).toEqual([
      [0, 100],
      [100, 100],
      [280, 70],
      [350, 70],
      [-250, 100],
      [-150, 100],
      [-50, 50],
    ]);
    expect(columns.store.capacity).toBe(columns.store.length);
  });

  it("validates what it gets: an exact duplicate is dropped, a bad candle is an ExchangeError", async () => {
    const page = [...minutes(0, 3), minutes(2, 3)[0]!, ...minutes(3, 5)];
    const feed = new CandleFeed(
      {
        exchangeName: "dup",
        getCandles: async () => [],
        getCandleColumns: async (_symbol, _interval, since, limit) =>
          candlesToTable(page.filter((c) => c.timestamp >= since.getTime()).slice(0, limit)),
      },
      "TEST",
      "1m",
      MINUTE,
    );
    await feed.ensure(at(0), at(5));
    expect(rowsOf(feed)).toEqual(minutes(0, 5));

    const bad = minutes(0, 5).map((c, i) => (i === 3 ? { ...c, low: c.open + 5 } : c));
    const rejecting = new CandleFeed(
      { exchangeName: "bad", getCandles: async () => [], getCandleColumns: async () => candlesToTable(bad) },
      "TEST",
      "1m",
      MINUTE,
    );
    await expect(rejecting.ensure(at(0), at(5))).rejects.toThrow(
      '[bad] bad candle at 2024-01-01T10:03:00.000Z for TEST: "low" 10008 is above open/close',
    );
  });

  it("rejects what is not columns, or more rows than asked, naming getCandleColumns", async () => {
    const feedOf = (result: unknown) =>
      new CandleFeed(
        {
          exchangeName: "odd",
          getCandles: async () => [],
          getCandleColumns: async () => result as CandleColumns,
        },
        "TEST",
        "1m",
        MINUTE,
      );
    const good = candlesToTable(minutes(0, 10));
    for (const result of [
      minutes(0, 10),
      { ...good, close: Array.from(good.close) },
      { ...good, length: 11 },
      { ...good, length: -1 },
      null,
    ]) {
      await expect(feedOf(result).ensure(at(0), at(10))).rejects.toThrow(
        "[odd] getCandleColumns must resolve to candle columns: a length and six Float64Arrays at least that long",
      );
    }
    await expect(feedOf(good).ensure(at(0), at(5))).rejects.toThrow(
      "[odd] getCandleColumns(TEST, 1m, 2024-01-01T10:00:00.000Z, 5) returned 10 candles; expected at most 5 (the limit asked for)",
    );
  });

  it("goes back to getCandles objects once a live run dropped a candle", async () => {
    const calls: string[] = [];
    const source = minutes(0, 10);
    const feed = new CandleFeed(
      {
        exchangeName: "both",
        async getCandles(_symbol, _interval, since, limit) {
          calls.push("getCandles");
          return source.filter((c) => c.timestamp >= since.getTime()).slice(0, limit);
        },
        async getCandleColumns() {
          calls.push("getCandleColumns");
          return candlesToTable(source.slice(0, 5));
        },
      },
      "TEST",
      "1m",
      MINUTE,
    );
    await feed.ensure(at(0), at(5));
    feed.dropped.add(at(7));
    await feed.ensure(at(0), at(10));
    expect(calls).toEqual(["getCandleColumns", "getCandles"]);
    expect(rowsOf(feed).map((c) => (c.timestamp - at(0)) / MINUTE)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9]);
  });
});

describe("createCsvExchange getCandleColumns", () => {
  const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2023-03/", import.meta.url));

  it("serves views of the file's columns, row for row the candles of getCandles and of the file", async () => {
    const exchange = createCsvExchange({ dir });
    // Across the real 80-minute halt of 2023-03-24 12:40 → 13:59.
    const since = new Date("2023-03-24T12:00:00Z");
    const columns = await exchange.getCandleColumns!("BTCUSDT", "1m", since, 200);
    const candles = await exchange.getCandles("BTCUSDT", "1m", since, 200);
    expect(columns.length).toBe(200);
    expect(tableToCandles(columns)).toEqual(candles);
    // An independent reader of the file: gunzip, split, Number().
    const lines = gunzipSync(readFileSync(`${dir}BTCUSDT-1m.csv.gz`))
      .toString("utf8")
      .trim()
      .split("\n");
    const first = lines.findIndex((line) => line.startsWith(`${since.getTime()},`));
    const fromFile = lines.slice(first, first + 200).map((line) => {
      const [timestamp, open, high, low, close, volume] = line.split(",").map(Number) as number[];
      return { timestamp, open, high, low, close, volume };
    });
    expect(tableToCandles(columns)).toEqual(fromFile);
    expect(columns.timestamp[40]! - columns.timestamp[39]!).toBe(81 * MINUTE);
    // Views: the exchange makes no copy (the store makes the one it keeps).
    const again = await exchange.getCandleColumns!("BTCUSDT", "1m", since, 1);
    expect(again.close.buffer).toBe(columns.close.buffer);
  });
});
