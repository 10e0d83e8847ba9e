import { type Candle, type CandleInterval, type ExchangeSchema, INTERVAL_MS } from "@candlewick/core";
import { describe, expect, it } from "vitest";

/** Where the suite reads: a market and a start time for which the exchange under test has candles. */
export interface ExchangeConformanceOptions {
  /** A symbol the exchange serves, e.g. `"BTCUSDT"`. */
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** A time with candles after it. The end of the data must be reachable from here within `maxPages` pages. */
  readonly since: Date;
  /** Largest number of `getCandles` calls TC-E06 makes while walking to the end of the data. Default 20. */
  readonly maxPages?: number;
}

function stepOf(interval: CandleInterval): number {
  return INTERVAL_MS[interval];
}

interface ExchangeCase {
  readonly id: `TC-E${string}`;
  readonly title: string;
  run(exchange: ExchangeSchema, options: ExchangeConformanceOptions, step: number): Promise<void>;
}

/** Page size used by the cases: the exchange's own, capped so that a run stays quick. */
function pageOf(exchange: ExchangeSchema): number {
  return Math.min(exchange.maxCandlesPerRequest ?? 1000, 1000);
}

function describeCandle(candle: Candle): string {
  return `${new Date(candle.timestamp).toISOString()} o=${candle.open} h=${candle.high} l=${candle.low} c=${candle.close} v=${candle.volume}`;
}

/**
 * TC-E01…TC-E10, each a rule of the `ExchangeSchema` contract that the core's candle feed relies on. Ids are
 * stable: a case is never renumbered, only added or retired.
 */
const CASES: readonly ExchangeCase[] = [
  {
    id: "TC-E01",
    title: "has a non-empty exchangeName and, if set, a positive integer maxCandlesPerRequest",
    async run(exchange) {
      expect(typeof exchange.exchangeName).toBe("string");
      expect(exchange.exchangeName.length).toBeGreaterThan(0);
      if (exchange.maxCandlesPerRequest !== undefined) {
        expect(Number.isInteger(exchange.maxCandlesPerRequest)).toBe(true);
        expect(exchange.maxCandlesPerRequest).toBeGreaterThan(0);
      }
    },
  },
  {
    id: "TC-E02",
    title: "returns candles oldest first, with strictly increasing open times",
    async run(exchange, { symbol, interval, since }) {
      const candles = await exchange.getCandles(symbol, interval, since, pageOf(exchange));
      expect(candles.length, "the options promise candles after `since`").toBeGreaterThan(0);
      for (let index = 1; index < candles.length; index++) {
        expect(candles[index]!.timestamp, `candle ${index}`).toBeGreaterThan(candles[index - 1]!.timestamp);
      }
    },
  },
  {
    id: "TC-E03",
    title: "uses open times aligned to the interval",
    async run(exchange, { symbol, interval, since }, step) {
      const candles = await exchange.getCandles(symbol, interval, since, pageOf(exchange));
      for (const candle of candles) {
        expect(candle.timestamp % step, describeCandle(candle)).toBe(0);
      }
    },
  },
  {
    id: "TC-E04",
    title: "respects since: no candle opens before it, even when since is not on an interval boundary",
    async run(exchange, { symbol, interval, since }, step) {
      const reference = await exchange.getCandles(symbol, interval, since, 20);
      for (const start of [since.getTime(), since.getTime() + 1, since.getTime() + Math.floor(step / 2)]) {
        const candles = await exchange.getCandles(symbol, interval, new Date(start), 10);
        expect(candles.length).toBeGreaterThan(0);
        expect(candles[0]!.timestamp).toBeGreaterThanOrEqual(start);
        // Nothing was skipped: the first candle is the first one at or after `start`.
        expect(candles[0]).toEqual(reference.find((candle) => candle.timestamp >= start));
      }
    },
  },
  {
    id: "TC-E05",
    title: "respects limit: never more, and a smaller limit returns a prefix of a larger one",
    async run(exchange, { symbol, interval, since }) {
      const large = await exchange.getCandles(symbol, interval, since, 100);
      expect(large.length).toBeLessThanOrEqual(100);
      for (const limit of [1, 7, 50]) {
        const small = await exchange.getCandles(symbol, interval, since, limit);
        expect(small.length).toBeLessThanOrEqual(limit);
        expect(small).toEqual(large.slice(0, Math.min(limit, large.length)));
      }
    },
  },
  {
    id: "TC-E06",
    title: "returns fewer than limit at the end of the data, and nothing after it",
    async run(exchange, { symbol, interval, since, maxPages = 20 }, step) {
      const limit = pageOf(exchange);
      let cursor = since.getTime();
      let last: Candle | undefined;
      for (let page = 0; ; page++) {
        expect(page, `the end of the data was not reached within ${maxPages} pages`).toBeLessThan(maxPages);
        const candles = await exchange.getCandles(symbol, interval, new Date(cursor), limit);
        if (candles.length > 0) last = candles.at(-1);
        if (candles.length < limit) break;
        cursor = candles.at(-1)!.timestamp + step;
      }
      expect(last, "no candle at all after `since`").toBeDefined();
      const after = await exchange.getCandles(symbol, interval, new Date(last!.timestamp + step), limit);
      expect(after.length).toBeLessThan(limit);
      for (const candle of after) expect(candle.timestamp).toBeGreaterThan(last!.timestamp);
    },
  },
  {
    id: "TC-E07",
    title: "returns sane candles: finite values, prices > 0, volume >= 0, low <= open/close <= high",
    async run(exchange, { symbol, interval, since }) {
      const candles = await exchange.getCandles(symbol, interval, since, pageOf(exchange));
      for (const candle of candles) {
        const what = describeCandle(candle);
        for (const value of [
          candle.timestamp,
          candle.open,
          candle.high,
          candle.low,
          candle.close,
          candle.volume,
        ]) {
          expect(Number.isFinite(value), what).toBe(true);
        }
        expect(Math.min(candle.open, candle.high, candle.low, candle.close), what).toBeGreaterThan(0);
        expect(candle.volume, what).toBeGreaterThanOrEqual(0);
        expect(candle.low, what).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
        expect(candle.high, what).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
      }
    },
  },
  {
    id: "TC-E08",
    title: "formatPrice and formatQuantity, when present, return numeric strings",
    async run(exchange, { symbol, interval, since }) {
      const [candle] = await exchange.getCandles(symbol, interval, since, 1);
      expect(candle).toBeDefined();
      const checks: Array<[string, string | Promise<string> | undefined]> = [
        ["formatPrice", exchange.formatPrice?.(symbol, candle!.close)],
        ["formatQuantity", exchange.formatQuantity?.(symbol, 1.23456789)],
      ];
      for (const [name, pending] of checks) {
        if (pending === undefined) continue;
        const text = await pending;
        expect(typeof text, name).toBe("string");
        expect(Number.isFinite(Number(text)), `${name} returned "${text}"`).toBe(true);
      }
    },
  },
  {
    id: "TC-E09",
    title: "is repeatable: the same request returns the same candles",
    async run(exchange, { symbol, interval, since }) {
      const first = await exchange.getCandles(symbol, interval, since, 200);
      const second = await exchange.getCandles(symbol, interval, since, 200);
      expect(second).toEqual(first);
    },
  },
  {
    id: "TC-E10",
    title: "pages join: two consecutive requests equal one request of both sizes",
    async run(exchange, { symbol, interval, since }, step) {
      const whole = await exchange.getCandles(symbol, interval, since, 300);
      const head = await exchange.getCandles(symbol, interval, since, 120);
      const next = head.length === 0 ? since.getTime() : head.at(-1)!.timestamp + step;
      const tail = await exchange.getCandles(symbol, interval, new Date(next), 180);
      expect([...head, ...tail]).toEqual(whole);
    },
  },
];

/**
 * Declares a vitest `describe` block that checks an exchange adapter against the `ExchangeSchema` contract,
 * one numbered test per case (TC-E01…). `factory` is called once per case, so each case starts from a fresh
 * adapter. The options must point at real data: candles exist after `since`, and their end is reachable.
 *
 * @param name - Shown in the describe title, e.g. `"ccxt binance"`.
 * @param factory - Creates the adapter under test.
 *
 * @example
 * import { runExchangeConformance } from "@candlewick/testkit";
 * runExchangeConformance("csv", () => createCsvExchange({ dir }), {
 *   symbol: "BTCUSDT", interval: "1m", since: new Date("2025-05-20T00:00:00Z"),
 * });
 */
export function runExchangeConformance(
  name: string,
  factory: () => ExchangeSchema | Promise<ExchangeSchema>,
  options: ExchangeConformanceOptions,
): void {
  const step = stepOf(options.interval);
  describe(`ExchangeSchema conformance: ${name}`, () => {
    for (const testCase of CASES) {
      it(`${testCase.id} ${testCase.title}`, async () => testCase.run(await factory(), options, step));
    }
  });
}
