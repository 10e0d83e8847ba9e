import { describe, expect, it } from "vitest";
import { CandleStore } from "../../candles/candle-store.js";
import { type Bar, bars, MINUTE, T0 } from "../../testing/memory-exchange.js";
import { backtestKitFillModel } from "./backtest-kit-fill-model.js";
import type { Extremes } from "./scan-types.js";

// The scanner on its own, on candles from T0 (volume 1 unless written: a VWAP is the mean typical price (H+L+C)/3
// of the 5 candles up to and including the one judged). Scans start at store index 4, so every judged candle has
// 4 flat candles at 100 before it.
const lead: Bar[] = [
  [100, 100, 100, 100],
  [100, 100, 100, 100],
  [100, 100, 100, 100],
  [100, 100, 100, 100],
];
const at = (i: number) => T0 + (lead.length + i) * MINUTE;

function storeOf(rows: readonly Bar[]): CandleStore {
  const store = new CandleStore();
  store.insert(bars(T0, [...lead, ...rows]));
  return store;
}

function opened(
  isLong: boolean,
  rows: readonly Bar[],
  levels: { tp: number; sl: number; expiresAt?: number },
) {
  const store = storeOf(rows);
  const extremes: Extremes = { best: 100, worst: 100 };
  const outcome = backtestKitFillModel.scanOpened(
    store,
    lead.length,
    store.length,
    {
      isLong,
      priceTakeProfit: levels.tp,
      priceStopLoss: levels.sl,
      expiresAt: levels.expiresAt ?? at(1000),
      firstCandle: "full",
      extremes,
    },
    5,
  );
  return { outcome, extremes };
}

function scheduled(
  isLong: boolean,
  rows: readonly Bar[],
  view: { priceOpen: number; sl: number; cancelAt?: number },
) {
  const store = storeOf(rows);
  return backtestKitFillModel.scanScheduled(
    store,
    lead.length,
    store.length,
    { isLong, priceOpen: view.priceOpen, priceStopLoss: view.sl, cancelAt: view.cancelAt ?? at(1000) },
    5,
  );
}

describe("backtestKitFillModel.scanOpened", () => {
  it("short: a high touching the stop closes at the stop, stamped with the candle's open time", () => {
    const { outcome } = opened(false, [[100, 101.2, 99.9, 100]], { tp: 98, sl: 101 });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 101, timestamp: at(0) });
  });

  it("short: a low through the take-profit is not enough; the VWAP must reach it", () => {
    // candle 0: typical (100 + 97 + 99)/3 = 98.67 → VWAP (400 + 98.67)/5 = 99.73 > TP 99: no close.
    // candle 1: flat 97 → (300 + 98.67 + 97)/5 = 99.13; candle 2: flat 97 → (200 + 98.67 + 194)/5 = 98.53 ≤ 99.
    const { outcome, extremes } = opened(
      false,
      [
        [100, 100, 97, 99],
        [97, 97, 97, 97],
        [97, 97, 97, 97],
      ],
      { tp: 99, sl: 103 },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "take_profit", price: 99, timestamp: at(2) });
    // best price seen: the exit level folded into the VWAPs 99.73 and 99.13 (a short gains as the price falls)
    expect(extremes.best).toBe(99);
  });

  it("expiry comes first, at the VWAP including the candle at the deadline, even when that candle stops out", () => {
    // candle 1 opens at the deadline: typical (95 + 95 + 95)/3 → VWAP (400 + 95)/5 = 99, though its low is past SL
    const { outcome } = opened(
      true,
      [
        [100, 100, 100, 100],
        [95, 95, 95, 95],
      ],
      { tp: 110, sl: 97, expiresAt: at(1) },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "time_expired", price: 99, timestamp: at(1) });
  });

  it("after a gap the close is stamped with the first candle past the deadline", () => {
    const store = new CandleStore();
    store.insert([...bars(T0, lead), ...bars(at(3), [[100, 100, 100, 100]])]);
    const outcome = backtestKitFillModel.scanOpened(
      store,
      lead.length,
      store.length,
      {
        isLong: true,
        priceTakeProfit: 110,
        priceStopLoss: 90,
        expiresAt: at(1),
        firstCandle: "full",
        extremes: { best: 100, worst: 100 },
      },
      5,
    );
    expect(outcome).toMatchObject({ reason: "time_expired", timestamp: at(3) });
  });

  it("nothing decided: pending, and every candle examined", () => {
    const { outcome } = opened(true, [[100, 100.5, 99.5, 100]], { tp: 101, sl: 99 });
    expect(outcome).toEqual({ kind: "pending" });
  });
});

describe("backtestKitFillModel.scanScheduled", () => {
  it("long: the low reaching priceOpen activates at priceOpen; the open position is judged from the next candle", () => {
    const outcome = scheduled(true, [[100, 100, 98.9, 99.5]], { priceOpen: 99, sl: 97 });
    expect(outcome).toEqual({
      kind: "activated",
      price: 99,
      timestamp: at(0),
      knownAt: at(1),
      resumeAt: at(1),
      firstCandle: "full",
    });
  });

  it("short: a high reaching the stop cancels, even when it also reached priceOpen", () => {
    const outcome = scheduled(false, [[100, 103, 100, 101]], { priceOpen: 101, sl: 102.5 });
    expect(outcome).toEqual({ kind: "cancelled", reason: "price_reject", timestamp: at(0) });
  });

  it("the wait is checked before the wick: a touch on the candle at the deadline is too late", () => {
    const outcome = scheduled(
      true,
      [
        [100, 100, 100, 100],
        [100, 100, 98, 99],
      ],
      { priceOpen: 99, sl: 97, cancelAt: at(1) },
    );
    expect(outcome).toEqual({ kind: "cancelled", reason: "timeout", timestamp: at(1) });
  });
});
