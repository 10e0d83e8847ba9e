import { backtestKitConfig, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type Bar, bars, flat } from "../testing/memory-exchange.js";
import { expectedPnl, type GetSignal, runScenario, signalsAt } from "../testing/scenario.js";

// backtestKitConfig end to end, on hand-written candles. Five flat candles at 100 (volume 1) precede T0 = 10:00,
// so a market entry at T0 is VWAP(100 × 5) = 100. Candles are [open, high, low, close, volume = 1]; with volume 1
// everywhere a VWAP is the mean of the typical prices (H+L+C)/3 of the 5 candles up to and including the one
// judged. Under the preset, a decision is stamped with the open time of the candle it was made on. The frame's
// endDate is its last tick. Expected values are worked out by hand in the comments.

const warmup = flat(at(-5), 5, 100);

async function run(
  label: string,
  getSignal: GetSignal,
  rows: readonly Bar[],
  options: { end?: number; tail?: number; tailPrice?: number; start?: number; interval?: "15m" } = {},
) {
  const tailPrice = options.tailPrice ?? 100;
  const outcome = await runScenario({
    label,
    candles: [...warmup, ...bars(at(0), rows), ...flat(at(rows.length), options.tail ?? 300, tailPrice)],
    start: options.start ?? at(0),
    end: options.end ?? at(200),
    getSignal,
    ...(options.interval === undefined ? {} : { interval: options.interval }),
    config: backtestKitConfig,
  });
  return outcome;
}

const limitLong: SignalDto = {
  position: "long",
  priceOpen: 99,
  priceTakeProfit: 101,
  priceStopLoss: 97,
  minuteEstimatedTime: 10,
};
const limitShort: SignalDto = {
  position: "short",
  priceOpen: 101,
  priceTakeProfit: 99,
  priceStopLoss: 103,
  minuteEstimatedTime: 10,
};

describe("backtestKitConfig: limit entries (long)", () => {
  it("activates on the candle whose low touches priceOpen, at priceOpen, and judges the position from the next candle", async () => {
    // 10:00 low 99.5 > 99: waits. 10:01 low 98.9 ≤ 99 (and > SL 97): opened at 99, pendingAt 10:01.
    // Lifetime 10 → 10:11 ≥ 10:01 + 10: time_expired at VWAP(10:07..10:11) = 100 (flat tail), stamped 10:11.
    const { results, events, errors } = await run("bk-limit-long-fill", signalsAt({ [at(0)]: limitLong }), [
      [100, 100.5, 99.5, 100],
      [100, 100.2, 98.9, 99.8],
    ]);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.action)).toEqual(["scheduled", "opened", "closed"]);
    expect(events[1]).toMatchObject({ timestamp: at(1), signal: { priceOpen: 99, pendingAt: at(1) } });
    expect(results[0]).toMatchObject({
      action: "closed",
      closeReason: "time_expired",
      closeTimestamp: at(11),
      pnl: { priceOpen: 99, priceClose: 100 },
    });
    expect((results[0] as { pnl: { pnlPercentage: number } }).pnl.pnlPercentage).toBeCloseTo(
      expectedPnl("long", 99, 100),
      12,
    );
  });

  it("cancels (price_reject) when one candle touches both priceOpen and the stop, stamped with that candle", async () => {
    // 10:02: low 96.5 ≤ SL 97 and ≤ priceOpen 99 → the stop is checked first: cancelled, no trade.
    const { results, errors } = await run("bk-limit-long-both", signalsAt({ [at(0)]: limitLong }), [
      [100, 100.2, 99.6, 100],
      [100, 100.2, 99.6, 100],
      [100, 100, 96.5, 99],
    ]);
    expect(errors).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(2),
    });
  });

  it("waits 120 minutes: a touch on the 120th candle (10:00 + 119) fills, one at 10:00 + 120 is too late", async () => {
    const wait = (touchAt: number): Bar[] =>
      Array.from({ length: touchAt + 1 }, (_, i) =>
        i === touchAt ? ([100, 100, 98.9, 99.5] as const) : ([100, 100, 100, 100] as const),
      );
    const filled = await run("bk-limit-long-119", signalsAt({ [at(0)]: limitLong }), wait(119));
    expect(filled.errors).toEqual([]);
    expect(filled.events[1]).toMatchObject({ action: "opened", timestamp: at(119) });
    const late = await run("bk-limit-long-120", signalsAt({ [at(0)]: limitLong }), wait(120));
    expect(late.errors).toEqual([]);
    expect(late.results).toHaveLength(1);
    expect(late.results[0]).toMatchObject({
      action: "cancelled",
      cancelReason: "timeout",
      closeTimestamp: at(120),
    });
  });

  it("a limit the market has already reached opens at once at priceOpen, not at the market price", async () => {
    // market 100 ≤ limit 100.5: opened at 10:00 at 100.5 (TP 102: 1.49%, SL 99: 1.49% from 100.5).
    // 10:00 low 98.9 ≤ 99: stop_loss at 99, stamped 10:00.
    const { results, events, errors } = await run(
      "bk-limit-long-reached",
      signalsAt({
        [at(0)]: { position: "long", priceOpen: 100.5, priceTakeProfit: 102, priceStopLoss: 99 },
      }),
      [[100, 100.2, 98.9, 99.5]],
    );
    expect(errors).toEqual([]);
    expect(events[0]).toMatchObject({ action: "opened", timestamp: at(0), signal: { priceOpen: 100.5 } });
    expect(results[0]).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(0),
      pnl: { priceOpen: 100.5, priceClose: 99 },
    });
  });

  it("refuses a reached limit when the market is already beyond its stop", async () => {
    // market 100 ≤ limit 100.5, but 100 ≤ SL 100.2: opening at 100.5 would be stopped out by the fill itself.
    const { results, errors } = await run(
      "bk-limit-long-beyond-stop",
      signalsAt({
        [at(0)]: { position: "long", priceOpen: 100.8, priceTakeProfit: 102, priceStopLoss: 100.2 },
      }),
      [[100, 100, 100, 100]],
    );
    expect(results).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "INVALID_SIGNAL", field: "priceStopLoss" });
    expect(errors[0]!.message).toContain("strictly between");
  });
});

describe("backtestKitConfig: limit entries (short)", () => {
  it("activates on the candle whose high touches priceOpen, at priceOpen", async () => {
    // 10:00 high 100.6 < 101: waits. 10:01 high 101.2 ≥ 101 (and < SL 103): opened at 101, pendingAt 10:01.
    // 10:02..: flat 100 → expiry at 10:11 at VWAP 100.
    const { results, events, errors } = await run("bk-limit-short-fill", signalsAt({ [at(0)]: limitShort }), [
      [100, 100.6, 99.8, 100],
      [100, 101.2, 99.9, 100.4],
    ]);
    expect(errors).toEqual([]);
    expect(events[1]).toMatchObject({ action: "opened", timestamp: at(1), signal: { priceOpen: 101 } });
    expect(results[0]).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(11),
      pnl: { priceOpen: 101, priceClose: 100 },
    });
    expect((results[0] as { pnl: { pnlPercentage: number } }).pnl.pnlPercentage).toBeCloseTo(
      expectedPnl("short", 101, 100),
      12,
    );
  });

  it("cancels (price_reject) when one candle's high touches both priceOpen and the stop", async () => {
    const { results, errors } = await run("bk-limit-short-both", signalsAt({ [at(0)]: limitShort }), [
      [100, 103.5, 99.8, 101],
    ]);
    expect(errors).toEqual([]);
    expect(results[0]).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(0),
    });
  });

  it("times out after 120 minutes", async () => {
    const { results, errors } = await run("bk-limit-short-timeout", signalsAt({ [at(0)]: limitShort }), []);
    expect(errors).toEqual([]);
    expect(results[0]).toMatchObject({
      action: "cancelled",
      cancelReason: "timeout",
      closeTimestamp: at(120),
    });
  });
});

const marketLong: SignalDto = {
  position: "long",
  priceTakeProfit: 101,
  priceStopLoss: 99,
  minuteEstimatedTime: 60,
};

describe("backtestKitConfig: market entries", () => {
  it("stops on the wick at the stop price, stamped with the candle's open time", async () => {
    // 10:00: low 98.9 ≤ 99 (its VWAP is (4·100 + (100.5+98.9+100)/3)/5 ≈ 99.99, nowhere near either level)
    const { results } = await run("bk-market-sl", signalsAt({ [at(0)]: marketLong }), [
      [100, 100.5, 98.9, 100],
    ]);
    expect(results[0]).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(0),
      pnl: { priceOpen: 100, priceClose: 99 },
    });
  });

  it("takes profit when the VWAP including the current candle reaches TP, not on a wick", async () => {
    // 10:00 high 105 (typical (105+100+100)/3 = 101.67): VWAP (400 + 101.67)/5 = 100.33 — a wick, no TP.
    // 10:01 flat 102: (300 + 101.67 + 102)/5 = 100.73. 10:02 flat 102: (200 + 101.67 + 204)/5 = 101.13 ≥ 101.
    const { results } = await run("bk-market-tp", signalsAt({ [at(0)]: marketLong }), [
      [100, 105, 100, 100],
      [102, 102, 102, 102],
      [102, 102, 102, 102],
    ]);
    expect(results[0]).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceClose: 101 },
    });
  });

  it("the stop wins when one candle has both a wick through SL and a VWAP through TP", async () => {
    // 10:00: volume 1000, typical (110 + 98.5 + 110)/3 = 106.17 → VWAP ≈ 106.1 ≥ 101, and low 98.5 ≤ 99.
    const { results } = await run("bk-market-tie", signalsAt({ [at(0)]: marketLong }), [
      [100, 110, 98.5, 110, 1000],
    ]);
    expect(results[0]).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(0),
      pnl: { priceClose: 99 },
    });
  });

  it("expires at the VWAP that includes the candle at the deadline, and the next signal comes a minute later", async () => {
    // Every tick asks; lifetime 3. Opened 10:00 at 100; 10:03 ≥ 10:00 + 3 → time_expired at
    // VWAP(10:59, 10:00, 10:01, 10:02, 10:03) = (4·100 + 103)/5 = 100.6, stamped 10:03. The next position opens
    // at 10:04 (not 10:03) at the VWAP of the 5 candles closed by then, (4·100 + 103)/5 = 100.6 again.
    const always: GetSignal = () => ({
      ...marketLong,
      priceTakeProfit: 110,
      priceStopLoss: 90,
      minuteEstimatedTime: 3,
    });
    const { results, errors } = await run(
      "bk-market-expiry",
      always,
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [103, 103, 103, 103],
      ],
      { end: at(8), tailPrice: 103 },
    );
    expect(errors).toEqual([]);
    expect(results[0]).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(3),
      pnl: { priceClose: 100.6 },
    });
    expect(results[1]).toMatchObject({ signal: { pendingAt: at(4), priceOpen: 100.6 } });
  });
});

describe("backtestKitConfig: frame end and the interval gate", () => {
  it("endDate is the last tick; a position still open is closed (time_expired) on the first candle after it", async () => {
    // Frame 10:00..10:05 inclusive; a signal asked at 10:05 (the inclusive end) opens; lifetime 60 would run to
    // 11:05, but the 10:06 candle is past the frame: time_expired at VWAP(10:02..10:06) = (4·100 + 102)/5 = 100.4.
    const { results, errors } = await run(
      "bk-frame-end",
      signalsAt({ [at(5)]: marketLong }),
      [...Array.from({ length: 6 }, () => [100, 100, 100, 100] as const), [102, 102, 102, 102] as const],
      { end: at(5) },
    );
    expect(errors).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      closeReason: "time_expired",
      signal: { pendingAt: at(5) },
      closeTimestamp: at(6),
      pnl: { priceClose: 100.4 },
    });
  });

  it("a limit still waiting at the frame end is cancelled (timeout) there", async () => {
    const { results } = await run("bk-frame-end-limit", signalsAt({ [at(2)]: limitLong }), [], {
      end: at(5),
    });
    expect(results[0]).toMatchObject({ action: "cancelled", cancelReason: "timeout", closeTimestamp: at(6) });
  });

  it("a 15m strategy is asked at a mid-interval first tick and right after a mid-interval close", async () => {
    // Frame from 10:07: asked at once (its bucket 10:00 was never asked). The position expires at 10:17 (stamped)
    // → asked at 10:18 (bucket 10:15 never asked), then at 10:30; frame ends 10:40.
    const getSignal = signalsAt({
      [at(7)]: { ...marketLong, priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 10 },
    });
    const { results } = await run("bk-gate", getSignal, [], { start: at(7), end: at(40), interval: "15m" });
    expect(results[0]).toMatchObject({ closeReason: "time_expired", closeTimestamp: at(17) });
    expect(getSignal.calls).toEqual([at(7), at(18), at(30)]);
  });
});
