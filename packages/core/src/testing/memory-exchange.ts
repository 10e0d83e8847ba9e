/**
 * Test helpers: hand-written candles and a tiny in-memory exchange that serves them through the public
 * `addExchange` contract. Used by the core's own tests only (not exported from the package index).
 */

import type { Candle, CandleInterval, ExchangeSchema } from "@candlewick/core";
import { MINUTE_MS } from "../candles/interval.js";

export const MINUTE = MINUTE_MS;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 2024-01-01T10:00:00Z: the reference time most hand-written scenarios are laid out around. */
export const T0 = Date.UTC(2024, 0, 1, 10, 0);

/** `T0 + minutes`. */
export function at(minutes: number): number {
  return T0 + minutes * MINUTE;
}

/** One hand-written bar: open, high, low, close and (default 1) volume. */
export type Bar = readonly [open: number, high: number, low: number, close: number, volume?: number];

/** Consecutive candles starting at `start`, one per `step` (1m by default). */
export function bars(start: number, rows: readonly Bar[], step = MINUTE): Candle[] {
  return rows.map(([open, high, low, close, volume = 1], i) => ({
    timestamp: start + i * step,
    open,
    high,
    low,
    close,
    volume,
  }));
}

/** `count` flat candles (open = high = low = close = price) starting at `start`. */
export function flat(start: number, count: number, price: number, volume = 1, step = MINUTE): Candle[] {
  return bars(
    start,
    Array.from({ length: count }, () => [price, price, price, price, volume] as const),
    step,
  );
}

/**
 * Contiguous 1m candles over minutes `[from, to)` of `at()`, less the minutes of `skip` (a gap), each priced by
 * its minute (open = close = 10,000 + minute, high and low one away), so a candle out of place shows.
 */
export function minutes(from: number, to: number, skip?: readonly [number, number]): Candle[] {
  const out: Candle[] = [];
  for (let m = from; m < to; m++) {
    if (skip !== undefined && m >= skip[0] && m < skip[1]) continue;
    const p = 10_000 + m;
    out.push({ timestamp: at(m), open: p, high: p + 1, low: p - 1, close: p, volume: 1 });
  }
  return out;
}

/** A `getCandles` request the exchange received. */
export interface CandleRequest {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly since: number;
  readonly limit: number;
}

/** An in-memory exchange that also records every request it gets. */
export interface MemoryExchange extends ExchangeSchema {
  readonly requests: CandleRequest[];
}

/** Per symbol: its 1m candles, or candles per interval. */
export type MemoryCandles = Readonly<
  Record<string, readonly Candle[] | Partial<Record<CandleInterval, readonly Candle[]>>>
>;

/**
 * Serves the given candles as an exchange would: up to `limit` candles with open time `>= since`, oldest first.
 * It does not aggregate: an interval that was not given has no candles.
 */
export function createMemoryExchange(
  exchangeName: string,
  candles: MemoryCandles,
  options: { maxCandlesPerRequest?: number } = {},
): MemoryExchange {
  const requests: CandleRequest[] = [];
  const exchange: MemoryExchange = {
    exchangeName,
    requests,
    ...(options.maxCandlesPerRequest === undefined
      ? {}
      : { maxCandlesPerRequest: options.maxCandlesPerRequest }),
    async getCandles(symbol, interval, since, limit) {
      requests.push({ symbol, interval, since: since.getTime(), limit });
      const list = candlesOf(candles[symbol], interval);
      const from = since.getTime();
      return list.filter((candle) => candle.timestamp >= from).slice(0, limit);
    },
  };
  return exchange;
}

function candlesOf(
  entry: readonly Candle[] | Partial<Record<CandleInterval, readonly Candle[]>> | undefined,
  interval: CandleInterval,
): readonly Candle[] {
  if (entry === undefined) return [];
  if (Array.isArray(entry)) return interval === "1m" ? entry : [];
  return (entry as Partial<Record<CandleInterval, readonly Candle[]>>)[interval] ?? [];
}

let sequence = 0;

/** A registry name no other test in this process uses. */
export function uniqueName(label: string): string {
  sequence += 1;
  return `${label}-${sequence}`;
}
