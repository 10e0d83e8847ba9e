import { describe, expect, it } from "vitest";
import { CandleStore } from "../../candles/candle-store.js";
import { type Bar, bars, MINUTE, T0 } from "../../testing/memory-exchange.js";
import { candleFillModel } from "./candle-fill-model.js";
import type { Extremes, FirstCandle } from "./scan-types.js";

/** A store holding `rows` as 1m candles from T0. */
function storeOf(rows: readonly Bar[]): CandleStore {
  const store = new CandleStore();
  store.insert(bars(T0, rows));
  return store;
}

function scanLong(
  rows: readonly Bar[],
  levels: { tp: number; sl: number; expiresAt?: number; firstCandle?: FirstCandle; entry?: number },
) {
  const store = storeOf(rows);
  const extremes: Extremes = { best: levels.entry ?? 100, worst: levels.entry ?? 100 };
  const outcome = candleFillModel.scanOpened(
    store,
    0,
    store.length,
    {
      isLong: true,
      priceTakeProfit: levels.tp,
      priceStopLoss: levels.sl,
      expiresAt: levels.expiresAt ?? T0 + 1000 * MINUTE,
      firstCandle: levels.firstCandle ?? "full",
      extremes,
    },
    5,
  );
  return { outcome, extremes };
}

function scanShort(
  rows: readonly Bar[],
  levels: { tp: number; sl: number; expiresAt?: number; firstCandle?: FirstCandle },
) {
  const store = storeOf(rows);
  const extremes: Extremes = { best: 100, worst: 100 };
  const outcome = candleFillModel.scanOpened(
    store,
    0,
    store.length,
    {
      isLong: false,
      priceTakeProfit: levels.tp,
      priceStopLoss: levels.sl,
      expiresAt: levels.expiresAt ?? T0 + 1000 * MINUTE,
      firstCandle: levels.firstCandle ?? "full",
      extremes,
    },
    5,
  );
  return { outcome, extremes };
}

function scanScheduled(
  rows: readonly Bar[],
  view: { isLong: boolean; priceOpen: number; sl: number; cancelAt?: number },
) {
  const store = storeOf(rows);
  return candleFillModel.scanScheduled(
    store,
    0,
    store.length,
    {
      isLong: view.isLong,
      priceOpen: view.priceOpen,
      priceStopLoss: view.sl,
      cancelAt: view.cancelAt ?? T0 + 1000 * MINUTE,
    },
    5,
  );
}

describe("candleFillModel.scanOpened (long, TP 102, SL 98)", () => {
  it("a high touching the take-profit fills at the level, decided at the close of that minute", () => {
    const { outcome, extremes } = scanLong(
      [
        [100, 101, 99.5, 100.5],
        [100.5, 102.3, 100.2, 101.9], // high 102.3 ≥ 102
      ],
      { tp: 102, sl: 98 },
    );
    expect(outcome).toEqual({
      kind: "closed",
      reason: "take_profit",
      price: 102,
      timestamp: T0 + 2 * MINUTE,
    });
    // best: max(101, exit 102) = 102; worst: min(99.5, 100.2) = 99.5
    expect(extremes).toEqual({ best: 102, worst: 99.5 });
  });

  it("a low touching the stop-loss fills at the level", () => {
    const { outcome, extremes } = scanLong(
      [
        [100, 100.8, 99, 99.5],
        [99.5, 99.7, 97.9, 98.2],
      ],
      { tp: 102, sl: 98 },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 98, timestamp: T0 + 2 * MINUTE });
    // best 100.8 from the first candle; worst min(99, exit 98) = 98
    expect(extremes).toEqual({ best: 100.8, worst: 98 });
  });

  it("a candle opening below the stop-loss (a gap) fills at its open", () => {
    const { outcome } = scanLong(
      [
        [100, 100.5, 99.5, 99.8],
        [96.5, 97, 96, 96.8], // opens 96.5 < 98
      ],
      { tp: 102, sl: 98 },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 96.5, timestamp: T0 + 2 * MINUTE });
  });

  it("a candle opening above the take-profit (a gap) fills at its open", () => {
    const { outcome } = scanLong(
      [
        [100, 100.5, 99.5, 100.2],
        [103, 104, 102.5, 103.5], // opens 103 > 102
      ],
      { tp: 102, sl: 98 },
    );
    expect(outcome).toEqual({
      kind: "closed",
      reason: "take_profit",
      price: 103,
      timestamp: T0 + 2 * MINUTE,
    });
  });

  it("one candle touching both levels: the stop wins", () => {
    const { outcome } = scanLong([[100, 102.5, 97.5, 100]], { tp: 102, sl: 98 });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 98, timestamp: T0 + MINUTE });
  });

  it("expiry closes at the close of the last candle before expiresAt, at expiresAt", () => {
    // expiresAt = T0 + 3m: candles T0, T0+1, T0+2 are inside; T0+3 is the first past it
    const { outcome } = scanLong(
      [
        [100, 100.5, 99.5, 100.1],
        [100.1, 100.6, 99.9, 100.4],
        [100.4, 100.9, 100.2, 100.7],
        [100.7, 110, 90, 100],
      ],
      { tp: 102, sl: 98, expiresAt: T0 + 3 * MINUTE },
    );
    expect(outcome).toEqual({
      kind: "closed",
      reason: "time_expired",
      price: 100.7,
      timestamp: T0 + 3 * MINUTE,
    });
  });

  it("nothing decided while no level is touched and the lifetime is not over", () => {
    const { outcome, extremes } = scanLong(
      [
        [100, 101, 99, 100.5],
        [100.5, 101.9, 98.1, 101],
      ],
      { tp: 102, sl: 98 },
    );
    expect(outcome).toEqual({ kind: "pending" });
    expect(extremes).toEqual({ best: 101.9, worst: 98.1 });
  });

  it("stop-only first candle: the take-profit is ignored on the activation candle, the stop is not", () => {
    // high 102.5 ≥ TP on the first candle: ignored; second candle closes nothing; third touches TP
    const pending = scanLong(
      [
        [100, 102.5, 99, 100],
        [100, 101, 99.5, 100.5],
      ],
      { tp: 102, sl: 98, firstCandle: "stop-only", entry: 99.5 },
    );
    expect(pending.outcome).toEqual({ kind: "pending" });
    // best is not taken from the activation candle's high (it may have come before the fill): max(99.5, 101) = 101
    expect(pending.extremes).toEqual({ best: 101, worst: 99 });

    const stopped = scanLong([[100, 102.5, 97.9, 100]], {
      tp: 102,
      sl: 98,
      firstCandle: "stop-only",
      entry: 99.5,
    });
    expect(stopped.outcome).toEqual({
      kind: "closed",
      reason: "stop_loss",
      price: 98,
      timestamp: T0 + MINUTE,
    });
  });

  it("stop-only first candle: an open beyond the take-profit is not a gap fill", () => {
    const { outcome } = scanLong([[103, 103, 99, 100]], { tp: 102, sl: 98, firstCandle: "stop-only" });
    expect(outcome).toEqual({ kind: "pending" });
  });
});

describe("candleFillModel.scanOpened (short, TP 98, SL 102)", () => {
  it("a low touching the take-profit fills at the level", () => {
    const { outcome, extremes } = scanShort(
      [
        [100, 100.5, 99, 99.5],
        [99.5, 99.8, 97.6, 98.1],
      ],
      { tp: 98, sl: 102 },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "take_profit", price: 98, timestamp: T0 + 2 * MINUTE });
    // short: best is the lowest price (98, the exit), worst the highest (100.5)
    expect(extremes).toEqual({ best: 98, worst: 100.5 });
  });

  it("a high touching the stop-loss fills at the level", () => {
    const { outcome } = scanShort([[100, 102.1, 99.9, 101]], { tp: 98, sl: 102 });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 102, timestamp: T0 + MINUTE });
  });

  it("a gap above the stop-loss fills at the open", () => {
    const { outcome } = scanShort(
      [
        [100, 100.5, 99.5, 100],
        [103.5, 104, 103, 103.2],
      ],
      { tp: 98, sl: 102 },
    );
    expect(outcome).toEqual({
      kind: "closed",
      reason: "stop_loss",
      price: 103.5,
      timestamp: T0 + 2 * MINUTE,
    });
  });

  it("a gap below the take-profit fills at the open", () => {
    const { outcome } = scanShort(
      [
        [100, 100.5, 99.5, 100],
        [97, 97.5, 96.5, 97.2],
      ],
      { tp: 98, sl: 102 },
    );
    expect(outcome).toEqual({ kind: "closed", reason: "take_profit", price: 97, timestamp: T0 + 2 * MINUTE });
  });

  it("one candle touching both levels: the stop wins", () => {
    const { outcome } = scanShort([[100, 102.5, 97.5, 100]], { tp: 98, sl: 102 });
    expect(outcome).toEqual({ kind: "closed", reason: "stop_loss", price: 102, timestamp: T0 + MINUTE });
  });

  it("expiry closes at the last close before expiresAt", () => {
    const { outcome } = scanShort(
      [
        [100, 100.5, 99.5, 99.9],
        [99.9, 100.2, 99.4, 99.6],
        [99.6, 120, 80, 99],
      ],
      { tp: 98, sl: 102, expiresAt: T0 + 2 * MINUTE },
    );
    expect(outcome).toEqual({
      kind: "closed",
      reason: "time_expired",
      price: 99.6,
      timestamp: T0 + 2 * MINUTE,
    });
  });
});

describe("candleFillModel.scanScheduled", () => {
  it("long: a low touching priceOpen activates at priceOpen on that candle, stop-only", () => {
    const outcome = scanScheduled(
      [
        [100, 100.5, 99.2, 99.5],
        [99.5, 99.6, 98.9, 99.1], // low 98.9 ≤ 99
      ],
      { isLong: true, priceOpen: 99, sl: 97 },
    );
    expect(outcome).toEqual({
      kind: "activated",
      price: 99,
      timestamp: T0 + MINUTE,
      knownAt: T0 + 2 * MINUTE,
      resumeAt: T0 + MINUTE,
      firstCandle: "stop-only",
    });
  });

  it("long: a candle opening at or below priceOpen (a gap) activates at its open, full candle", () => {
    const outcome = scanScheduled(
      [
        [100, 100.5, 99.2, 99.5],
        [98.5, 99, 98.2, 98.8], // opens 98.5 < 99 and > SL 97
      ],
      { isLong: true, priceOpen: 99, sl: 97 },
    );
    expect(outcome).toEqual({
      kind: "activated",
      price: 98.5,
      timestamp: T0 + MINUTE,
      knownAt: T0 + 2 * MINUTE,
      resumeAt: T0 + MINUTE,
      firstCandle: "full",
    });
  });

  it("long: a candle opening at or below the stop before activation cancels (price_reject)", () => {
    const outcome = scanScheduled(
      [
        [100, 100.5, 99.2, 99.5],
        [96.5, 97, 96, 96.8], // opens 96.5 ≤ SL 97
      ],
      { isLong: true, priceOpen: 99, sl: 97 },
    );
    expect(outcome).toEqual({ kind: "cancelled", reason: "price_reject", timestamp: T0 + 2 * MINUTE });
  });

  it("times out at cancelAt when the first candle past the wait arrives", () => {
    const outcome = scanScheduled(
      [
        [100, 100.5, 99.5, 100],
        [100, 100.5, 99.5, 100],
        [100, 100.5, 98, 100], // would activate, but it is past the wait
      ],
      { isLong: true, priceOpen: 99, sl: 97, cancelAt: T0 + 2 * MINUTE },
    );
    expect(outcome).toEqual({ kind: "cancelled", reason: "timeout", timestamp: T0 + 2 * MINUTE });
  });

  it("stays pending while nothing is reached", () => {
    expect(scanScheduled([[100, 100.5, 99.5, 100]], { isLong: true, priceOpen: 99, sl: 97 })).toEqual({
      kind: "pending",
    });
  });

  it("short: a high touching priceOpen activates at priceOpen, stop-only", () => {
    const outcome = scanScheduled(
      [
        [100, 100.8, 99.5, 100.5],
        [100.5, 101.2, 100.3, 100.9],
      ],
      { isLong: false, priceOpen: 101, sl: 103 },
    );
    expect(outcome).toEqual({
      kind: "activated",
      price: 101,
      timestamp: T0 + MINUTE,
      knownAt: T0 + 2 * MINUTE,
      resumeAt: T0 + MINUTE,
      firstCandle: "stop-only",
    });
  });

  it("short: a gap above priceOpen activates at the open", () => {
    const outcome = scanScheduled([[101.5, 102, 101.2, 101.8]], { isLong: false, priceOpen: 101, sl: 103 });
    expect(outcome).toEqual({
      kind: "activated",
      price: 101.5,
      timestamp: T0,
      knownAt: T0 + MINUTE,
      resumeAt: T0,
      firstCandle: "full",
    });
  });

  it("short: a gap to or above the stop cancels (price_reject)", () => {
    const outcome = scanScheduled([[103, 103.5, 102.8, 103.2]], { isLong: false, priceOpen: 101, sl: 103 });
    expect(outcome).toEqual({ kind: "cancelled", reason: "price_reject", timestamp: T0 + MINUTE });
  });
});

describe("candleFillModel prices", () => {
  it("market and expiry prices are the last closed candle's close", () => {
    const store = storeOf([
      [100, 101, 99, 100.5],
      [100.5, 102, 100, 101.5],
    ]);
    expect(candleFillModel.marketPrice(store, 2, 5)).toBe(101.5);
    expect(candleFillModel.marketPrice(store, 1, 5)).toBe(100.5);
    expect(candleFillModel.expiryPrice(store, 2, 5)).toBe(101.5);
    expect(candleFillModel.marketPrice(store, 0, 5)).toBeNaN();
  });
});
