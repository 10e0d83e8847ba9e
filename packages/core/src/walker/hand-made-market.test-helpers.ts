/**
 * Test helpers of the walker and report tests: hand-written 1m candles served by a tiny in-memory exchange,
 * strategies that signal at given minutes, unique registration names, and the PnL formula of ARCHITECTURE §5
 * written out independently of the engine's pnl.ts.
 */

import {
  addExchange,
  addFrame,
  addStrategy,
  type Candle,
  type ExchangeSchema,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";
import { MINUTE_MS } from "../candles/interval.js";

export const MINUTE = MINUTE_MS;
/** 2024-01-01T10:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1, 10, 0);

/** `T0 + minutes`. */
export function at(minutes: number): number {
  return T0 + minutes * MINUTE;
}

/** open, high, low, close. */
export type Bar = readonly [open: number, high: number, low: number, close: number];

/** One candle per minute from `start`. */
export function bars(start: number, rows: readonly Bar[]): Candle[] {
  return rows.map(([open, high, low, close], index) => ({
    timestamp: start + index * MINUTE,
    open,
    high,
    low,
    close,
    volume: 1,
  }));
}

/** `count` flat candles at `price` from `start`. */
export function flat(start: number, count: number, price: number): Candle[] {
  return bars(
    start,
    Array.from({ length: count }, () => [price, price, price, price] as const),
  );
}

let sequence = 0;

/** A registration name no other test of this process uses. */
export function uniqueName(label: string): string {
  sequence += 1;
  return `${label}-${sequence}`;
}

/** An exchange serving the given 1m candles per symbol. */
export function memoryExchange(
  exchangeName: string,
  candles: Readonly<Record<string, readonly Candle[]>>,
): ExchangeSchema {
  return {
    exchangeName,
    async getCandles(symbol, interval, since, limit) {
      if (interval !== "1m") return [];
      return (candles[symbol] ?? []).filter((candle) => candle.timestamp >= since.getTime()).slice(0, limit);
    },
  };
}

/** Registers a 1m strategy whose `getSignal` returns `signals[minute]` at `T0 + minute` and null otherwise. */
export function signalsAtMinutes(
  strategyName: string,
  signals: Readonly<Record<number, SignalDto>>,
  extra: Partial<StrategySchema> = {},
): void {
  addStrategy({
    strategyName,
    interval: "1m",
    getSignal: (_symbol, when) => signals[(when.getTime() - T0) / MINUTE] ?? null,
    ...extra,
  });
}

/** Registers an exchange over `candles` and a 1m frame `[T0 + from, T0 + to)`; returns their names. */
export function registerMarket(
  label: string,
  candles: Readonly<Record<string, readonly Candle[]>>,
  from: number,
  to: number,
): { exchangeName: string; frameName: string } {
  const exchangeName = uniqueName(`${label}-exchange`);
  const frameName = uniqueName(`${label}-frame`);
  addExchange(memoryExchange(exchangeName, candles));
  addFrame({ frameName, interval: "1m", startDate: new Date(at(from)), endDate: new Date(at(to)) });
  return { exchangeName, frameName };
}

/**
 * Net PnL% of a round trip (ARCHITECTURE §5): slippage moves both prices against the position, the fee is
 * charged on the entry value and on the exit value. Defaults 0.1% and 0.1%.
 */
export function expectedPnl(
  position: "long" | "short",
  open: number,
  close: number,
  fee = 0.1,
  slippage = 0.1,
): number {
  const s = slippage / 100;
  const entry = position === "long" ? open * (1 + s) : open * (1 - s);
  const exit = position === "long" ? close * (1 - s) : close * (1 + s);
  const gross = position === "long" ? ((exit - entry) / entry) * 100 : ((entry - exit) / entry) * 100;
  return gross - fee * (1 + exit / entry);
}
