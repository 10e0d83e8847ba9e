import { describe, expect, it } from "vitest";
import { CandleStore } from "../../candles/candle-store.js";
import { type Bar, bars, MINUTE, T0 } from "../../testing/memory-exchange.js";
import { vwapOf } from "../vwap.js";
import type { Extremes } from "./scan-types.js";
import { vwapFillModel } from "./vwap-fill-model.js";

function storeOf(rows: readonly Bar[]): CandleStore {
  const store = new CandleStore();
  store.insert(bars(T0, rows));
  return store;
}

/** Flat candles (O = H = L = C) with volume 1: the VWAP of the last 5 is the mean of their closes. */
function flatRows(...prices: number[]): Bar[] {
  return prices.map((p) => [p, p, p, p, 1] as const);
}

describe("vwapOf", () => {
  it("weights the typical price (H+L+C)/3 by volume", () => {
    const store = storeOf([
      [100, 103, 99, 102, 2], // typical (103 + 99 + 102)/3 = 101.333…
      [102, 106, 101, 104, 1], // typical (106 + 101 + 104)/3 = 103.666…
    ]);
    // (101.333…·2 + 103.666…·1)/3 = (202.666… + 103.666…)/3 = 306.333…/3 = 102.111…
    expect(vwapOf(store, 2, 5)).toBeCloseTo(306.3333333333333 / 3, 10);
  });

  it("uses only the last `count` candles before `end`", () => {
    const store = storeOf(flatRows(100, 200, 300, 400, 500, 600, 700));
    // candles [1, 6): 200..600 → mean 400
    expect(vwapOf(store, 6, 5)).toBe(400);
    // candles [4, 7): 500, 600, 700 → 600
    expect(vwapOf(store, 7, 3)).toBe(600);
    // fewer than `count` exist: candles [0, 2) → 150
    expect(vwapOf(store, 2, 5)).toBe(150);
  });

  it("falls back to the mean close with zero volume, and is NaN on an empty range", () => {
    const store = storeOf([
      [100, 110, 90, 104, 0],
      [104, 110, 100, 106, 0],
    ]);
    expect(vwapOf(store, 2, 5)).toBe(105);
    expect(vwapOf(store, 0, 5)).toBeNaN();
  });
});

function scanOpened(
  rows: readonly Bar[],
  from: number,
  view: { isLong: boolean; tp: number; sl: number; expiresAt?: number; entry: number },
) {
  const store = storeOf(rows);
  const extremes: Extremes = { best: view.entry, worst: view.entry };
  const outcome = vwapFillModel.scanOpened(
    store,
    from,
    store.length,
    {
      isLong: view.isLong,
      priceTakeProfit: view.tp,
      priceStopLoss: view.sl,
      expiresAt: view.expiresAt ?? T0 + 1000 * MINUTE,
      firstCandle: "full",
      extremes,
    },
    5,
  );
  return { outcome, extremes };
}

describe("vwapFillModel.scanOpened", () => {
  it("long: closes at the take-profit level once the 5-candle VWAP reaches it", () => {
    // candles 0..4 at 100 (the entry's VWAP); scanning from 5:
    // after 5 (104): (100·4 + 104)/5 = 100.8; after 6 (106): (100·3 + 104 + 106)/5 = 102 ≥ 102 → TP
    const { outcome, extremes } = scanOpened(flatRows(100, 100, 100, 100, 100, 104, 106, 108), 5, {
      isLong: true,
      tp: 102,
      sl: 98,
      entry: 100,
    });
    expect(outcome).toEqual({
      kind: "closed",
      reason: "take_profit",
      price: 102,
      timestamp: T0 + 7 * MINUTE,
    });
    // best: VWAP 100.8, then the exit level 102
    expect(extremes).toEqual({ best: 102, worst: 100 });
  });

  it("long: a wick through the stop that the VWAP does not follow is ignored", () => {
    // candle 5 touches 90 (far below SL 98) but its typical price is (101 + 90 + 99)/3 = 96.666…, volume 1:
    // VWAP = (400 + 96.666…)/5 = 99.333… > 98 → still open
    const { outcome } = scanOpened([...flatRows(100, 100, 100, 100, 100), [100, 101, 90, 99, 1]], 5, {
      isLong: true,
      tp: 102,
      sl: 98,
      entry: 100,
    });
    expect(outcome).toEqual({ kind: "pending" });
  });

  it("long: one candle spanning both levels cannot close both: the VWAP sits between them", () => {
    // candle 5: high 103 > TP, low 97 < SL, typical (103 + 97 + 100)/3 = 100 → VWAP 100
    const { outcome } = scanOpened([...flatRows(100, 100, 100, 100, 100), [100, 103, 97, 100, 1]], 5, {
      isLong: true,
      tp: 102,
      sl: 98,
      entry: 100,
    });
    expect(outcome).toEqual({ kind: "pending" });
  });

  it("long: closes at the stop-loss level once the VWAP reaches it", () => {
    // after 5 (95): (400 + 95)/5 = 99; after 6 (90): (300 + 95 + 90)/5 = 97 ≤ 98 → SL at 98 (not at 97)
    const { outcome, extremes } = scanOpened(flatRows(100, 100, 100, 100, 100, 95, 90), 5, {
      isLong: true,
      tp: 102,
      sl: 98,
      entry: 100,
    });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 98, timestamp: T0 + 7 * MINUTE });
    expect(extremes).toEqual({ best: 100, worst: 98 });
  });

  it("expiry closes at the VWAP of the 5 candles before expiresAt", () => {
    // expiresAt = T0 + 7m → candle 7 is past it; VWAP of candles 2..6 = (100 + 100 + 100 + 101 + 101.5)/5 = 100.5
    const { outcome } = scanOpened(flatRows(100, 100, 100, 100, 100, 101, 101.5, 130), 5, {
      isLong: true,
      tp: 102,
      sl: 98,
      entry: 100,
      expiresAt: T0 + 7 * MINUTE,
    });
    expect(outcome).toEqual({
      kind: "closed",
      reason: "time_expired",
      price: 100.5,
      timestamp: T0 + 7 * MINUTE,
    });
  });

  it("short: closes at the take-profit level once the VWAP falls to it", () => {
    // after 5 (95): 99; after 6 (95): (300 + 190)/5 = 98 ≤ 98 → TP
    const { outcome } = scanOpened(flatRows(100, 100, 100, 100, 100, 95, 95), 5, {
      isLong: false,
      tp: 98,
      sl: 102,
      entry: 100,
    });
    expect(outcome).toEqual({ kind: "closed", reason: "take_profit", price: 98, timestamp: T0 + 7 * MINUTE });
  });

  it("short: closes at the stop-loss level once the VWAP rises to it", () => {
    // after 5 (110): (400 + 110)/5 = 102 ≥ 102 → SL
    const { outcome } = scanOpened(flatRows(100, 100, 100, 100, 100, 110), 5, {
      isLong: false,
      tp: 98,
      sl: 102,
      entry: 100,
    });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 102, timestamp: T0 + 6 * MINUTE });
  });
});

describe("vwapFillModel.scanScheduled", () => {
  const scan = (
    rows: readonly Bar[],
    view: { isLong: boolean; priceOpen: number; sl: number; cancelAt?: number },
  ) => {
    const store = storeOf(rows);
    return vwapFillModel.scanScheduled(
      store,
      5,
      store.length,
      {
        isLong: view.isLong,
        priceOpen: view.priceOpen,
        priceStopLoss: view.sl,
        cancelAt: view.cancelAt ?? T0 + 1000 * MINUTE,
      },
      5,
    );
  };

  it("long: activates at priceOpen when the VWAP falls to it, at the close of that minute", () => {
    // after 5 (97): (400 + 97)/5 = 99.4; after 6 (96): (300 + 97 + 96)/5 = 98.6 ≤ 99 → activated
    expect(scan(flatRows(100, 100, 100, 100, 100, 97, 96), { isLong: true, priceOpen: 99, sl: 97 })).toEqual({
      kind: "activated",
      price: 99,
      timestamp: T0 + 7 * MINUTE,
      knownAt: T0 + 7 * MINUTE,
      resumeAt: T0 + 7 * MINUTE,
      firstCandle: "full",
    });
  });

  it("long: cancels (price_reject) when the VWAP jumps past the stop before activating", () => {
    // after 5 (80): (400 + 80)/5 = 96 ≤ SL 97 (and ≤ priceOpen 99): the stop is checked first
    expect(scan(flatRows(100, 100, 100, 100, 100, 80), { isLong: true, priceOpen: 99, sl: 97 })).toEqual({
      kind: "cancelled",
      reason: "price_reject",
      timestamp: T0 + 6 * MINUTE,
    });
  });

  it("times out at cancelAt", () => {
    expect(
      scan(flatRows(100, 100, 100, 100, 100, 100, 100, 50), {
        isLong: true,
        priceOpen: 99,
        sl: 97,
        cancelAt: T0 + 7 * MINUTE,
      }),
    ).toEqual({ kind: "cancelled", reason: "timeout", timestamp: T0 + 7 * MINUTE });
  });

  it("short: activates when the VWAP rises to priceOpen, rejects when it rises to the stop", () => {
    // after 5 (106): (400 + 106)/5 = 101.2 ≥ 101 → activated
    expect(scan(flatRows(100, 100, 100, 100, 100, 106), { isLong: false, priceOpen: 101, sl: 103 })).toEqual({
      kind: "activated",
      price: 101,
      timestamp: T0 + 6 * MINUTE,
      knownAt: T0 + 6 * MINUTE,
      resumeAt: T0 + 6 * MINUTE,
      firstCandle: "full",
    });
    // after 5 (120): (400 + 120)/5 = 104 ≥ 103 → price_reject
    expect(scan(flatRows(100, 100, 100, 100, 100, 120), { isLong: false, priceOpen: 101, sl: 103 })).toEqual({
      kind: "cancelled",
      reason: "price_reject",
      timestamp: T0 + 6 * MINUTE,
    });
  });
});

describe("vwapFillModel prices", () => {
  it("market and expiry prices are the VWAP of the last 5 closed candles", () => {
    const store = storeOf(flatRows(90, 100, 100, 100, 100, 110));
    // [1, 6): (100·4 + 110)/5 = 102; [0, 5): (90 + 400)/5 = 98
    expect(vwapFillModel.marketPrice(store, 6, 5)).toBe(102);
    expect(vwapFillModel.expiryPrice(store, 5, 5)).toBe(98);
  });
});
