import { setTimeout as sleep } from "node:timers/promises";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type Candle,
  type CandleInterval,
  CandlewickError,
  getAveragePrice,
  getCandleColumns,
  getCandles,
  getDate,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, createMemoryExchange, DAY, HOUR, MINUTE, uniqueName } from "../testing/memory-exchange.js";

// ARCHITECTURE §3: at time `when` only candles with `timestamp + interval <= when` exist for the strategy; the
// newest one returned is the last closed candle, i.e. the one opened at alignDown(when, iv) − iv.
const STEPS: Record<string, number> = {
  "1m": MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "4h": 4 * HOUR,
  "1d": DAY,
};
const INTERVALS = Object.keys(STEPS) as CandleInterval[];

/** Continuous flat candles of every interval from `from` to `to` (exclusive), price varying with time. */
function generate(from: number, to: number): Partial<Record<CandleInterval, Candle[]>> {
  const out: Partial<Record<CandleInterval, Candle[]>> = {};
  for (const interval of INTERVALS) {
    const step = STEPS[interval]!;
    const list: Candle[] = [];
    for (let ts = Math.ceil(from / step) * step; ts < to; ts += step) {
      const p = 100 + ((ts / MINUTE) % 97) / 10;
      list.push({ timestamp: ts, open: p, high: p, low: p, close: p, volume: 1 });
    }
    out[interval] = list;
  }
  return out;
}

/** The open times of the last `n` closed candles at `when`, computed from the definition. */
function expectedWindow(when: number, step: number, n: number): number[] {
  const last = Math.floor(when / step) * step - step;
  return Array.from({ length: n }, (_, i) => last - (n - 1 - i) * step);
}

interface Seen {
  when: number;
  sequential: Record<string, number[]>;
  parallel: Record<string, number[]>;
  afterSleep: Record<string, number[]>;
  columns: Record<string, number[]>;
  date: number;
}

async function observe(
  frameStart: number,
  frameEnd: number,
): Promise<{ seen: Seen[]; requests: { interval: string; since: number; limit: number }[] }> {
  const exchangeName = uniqueName("la-exchange");
  const strategyName = uniqueName("la-strategy");
  const frameName = uniqueName("la-frame");
  const exchange = createMemoryExchange(exchangeName, {
    LA: generate(Date.UTC(2023, 11, 20), Date.UTC(2024, 0, 12)),
  });
  addExchange(exchange);
  const seen: Seen[] = [];
  addStrategy({
    strategyName,
    interval: "1m",
    async getSignal(symbol, when) {
      const record: Seen = {
        when: when.getTime(),
        sequential: {},
        parallel: {},
        afterSleep: {},
        columns: {},
        date: 0,
      };
      for (const interval of INTERVALS) {
        record.sequential[interval] = (await getCandles(symbol, interval, 3)).map((c) => c.timestamp);
      }
      const all = await Promise.all(INTERVALS.map((interval) => getCandles(symbol, interval, 3)));
      INTERVALS.forEach((interval, i) => {
        record.parallel[interval] = all[i]!.map((c) => c.timestamp);
      });
      await sleep(2);
      for (const interval of INTERVALS) {
        record.afterSleep[interval] = (await getCandles(symbol, interval, 3)).map((c) => c.timestamp);
        record.columns[interval] = Array.from((await getCandleColumns(symbol, interval, 3)).timestamp);
      }
      record.date = getDate().getTime();
      seen.push(record);
      return null;
    },
  });
  addFrame({ frameName, interval: "1m", startDate: new Date(frameStart), endDate: new Date(frameEnd) });
  for await (const _ of Backtest.run("LA", { strategyName, exchangeName, frameName })) {
    // no trades
  }
  return { seen, requests: exchange.requests };
}

describe("no look-ahead in getCandles", () => {
  it.each([
    [
      "at midnight (aligned to every interval) and the minutes after",
      Date.UTC(2024, 0, 2, 0, 0),
      Date.UTC(2024, 0, 2, 0, 7),
    ],
    [
      "across the 16:00 boundary of 1h and 4h candles",
      Date.UTC(2024, 0, 3, 15, 57),
      Date.UTC(2024, 0, 3, 16, 3),
    ],
  ])(
    "%s: the newest candle of 1m, 5m, 15m, 1h, 4h and 1d is the last closed one",
    async (_name, start, end) => {
      const { seen, requests } = await observe(start, end);
      expect(seen.map((s) => s.when)).toEqual(
        Array.from({ length: (end - start) / MINUTE }, (_, i) => start + i * MINUTE),
      );
      for (const record of seen) {
        expect(record.date).toBe(record.when);
        for (const interval of INTERVALS) {
          const step = STEPS[interval]!;
          const expected = expectedWindow(record.when, step, 3);
          expect(
            record.sequential[interval],
            `${interval} at ${new Date(record.when).toISOString()}`,
          ).toEqual(expected);
          expect(record.parallel[interval], `${interval} in Promise.all`).toEqual(expected);
          expect(record.afterSleep[interval], `${interval} after await setTimeout`).toEqual(expected);
          expect(record.columns[interval], `${interval} columns`).toEqual(expected);
          for (const ts of record.sequential[interval]!) expect(ts + step).toBeLessThanOrEqual(record.when);
        }
      }
      // Spot checks written out: at 16:00 the newest 4h candle is 12:00 (12:00–16:00), the newest 1h is 15:00,
      // the newest 1d is 2024-01-02; at 15:59 they are 08:00, 14:00 and 2024-01-02.
      const byWhen = new Map(seen.map((s) => [s.when, s]));
      if (start === Date.UTC(2024, 0, 3, 15, 57)) {
        const atFour = byWhen.get(Date.UTC(2024, 0, 3, 16, 0))!;
        expect(atFour.sequential["4h"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 12, 0));
        expect(atFour.sequential["1h"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 15, 0));
        expect(atFour.sequential["1d"]!.at(-1)).toBe(Date.UTC(2024, 0, 2));
        expect(atFour.sequential["1m"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 15, 59));
        const before = byWhen.get(Date.UTC(2024, 0, 3, 15, 59))!;
        expect(before.sequential["4h"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 8, 0));
        expect(before.sequential["1h"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 14, 0));
        expect(before.sequential["15m"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 15, 30));
        expect(before.sequential["5m"]!.at(-1)).toBe(Date.UTC(2024, 0, 3, 15, 50));
      } else {
        const midnight = byWhen.get(Date.UTC(2024, 0, 2))!;
        expect(midnight.sequential["1d"]!.at(-1)).toBe(Date.UTC(2024, 0, 1));
        expect(midnight.sequential["4h"]!.at(-1)).toBe(Date.UTC(2024, 0, 1, 20, 0));
        expect(midnight.sequential["1m"]!.at(-1)).toBe(Date.UTC(2024, 0, 1, 23, 59));
        const fiveAfter = byWhen.get(Date.UTC(2024, 0, 2, 0, 5))!;
        expect(fiveAfter.sequential["5m"]!.at(-1)).toBe(Date.UTC(2024, 0, 2, 0, 0));
        expect(fiveAfter.sequential["15m"]!.at(-1)).toBe(Date.UTC(2024, 0, 1, 23, 45));
      }
      // The engine did load candles past `when` (it loads ahead in large pages): the filter above is what hides them.
      const lastWhen = seen.at(-1)!.when;
      expect(requests.some((r) => r.interval === "1h" && r.since + r.limit * HOUR > lastWhen + HOUR)).toBe(
        true,
      );
    },
  );
});

describe("getAveragePrice", () => {
  it("is the VWAP of the last 5 closed 1m candles; the candle in progress is not used", async () => {
    const exchangeName = uniqueName("vwap-exchange");
    addExchange(
      createMemoryExchange(exchangeName, {
        AVG: bars(at(-6), [
          [50, 50, 50, 50, 100], // 09:54: outside the last five
          [100, 102, 98, 101, 2], // typical 301/3
          [101, 103, 100, 102, 1], // typical 305/3
          [102, 102, 99, 100, 3], // typical 301/3
          [100, 101, 97, 98, 2], // typical 296/3
          [98, 100, 98, 99, 2], // 09:59: typical 297/3
          [500, 500, 500, 500, 1000], // 10:00: opens at `when`, not closed yet
          [500, 500, 500, 500, 1000],
        ]),
      }),
    );
    const prices: number[] = [];
    const strategyName = uniqueName("vwap-strategy");
    const frameName = uniqueName("vwap-frame");
    addStrategy({
      strategyName,
      interval: "1m",
      async getSignal(symbol) {
        prices.push(await getAveragePrice(symbol));
        return null;
      },
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(1)) });
    for await (const _ of Backtest.run("AVG", { strategyName, exchangeName, frameName })) {
      // nothing
    }
    // (301·2 + 305·1 + 301·3 + 296·2 + 297·2)/3 / (2 + 1 + 3 + 2 + 2) = (2996/3)/10 = 99.8666…
    expect(prices).toHaveLength(1);
    expect(prices[0]).toBeCloseTo(2996 / 30, 10);
  });
});

describe("outside a run", () => {
  it("getCandles, getCandleColumns, getAveragePrice and getDate throw a clear error", async () => {
    const message = (name: string) =>
      `[core] ${name}() needs an execution context: call it inside getSignal, a strategy callback or a listener of a running strategy`;
    await expect(getCandles("BTCUSDT", "1m", 5)).rejects.toThrow(message("getCandles"));
    await expect(getCandleColumns("BTCUSDT", "1m", 5)).rejects.toThrow(message("getCandleColumns"));
    await expect(getAveragePrice("BTCUSDT")).rejects.toThrow(message("getAveragePrice"));
    expect(() => getDate()).toThrow(message("getDate"));
    const error = await getCandles("BTCUSDT", "1h", 5).catch((e: unknown) => e);
    expect(CandlewickError.isInstance(error)).toBe(true);
    expect((error as CandlewickError).code).toBe("NO_EXECUTION_CONTEXT");
  });
});
