import type { SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type Bar, bars, flat } from "../testing/memory-exchange.js";
import { expectedPnl, runScenario, signalsAt } from "../testing/scenario.js";

// The default `candle` fill model end to end (ARCHITECTURE §5 "Fills"). Five flat candles at 100 before T0
// make the market entry at T0 exactly 100 (the last close); `rows` are the 1m candles from T0 = 10:00 on,
// followed by flat candles at the last close so that nothing else happens.
async function fill(
  label: string,
  signal: SignalDto,
  rows: readonly Bar[],
  config?: { scheduleAwaitMinutes?: number },
) {
  const last = rows[rows.length - 1]![3];
  const outcome = await runScenario({
    label,
    candles: [...flat(at(-5), 5, 100), ...bars(at(0), rows), ...flat(at(rows.length), 30, last)],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({ [at(0)]: signal }),
    ...(config === undefined ? {} : { config }),
  });
  expect(outcome.errors).toEqual([]);
  expect(outcome.results).toHaveLength(1);
  return { result: outcome.results[0]!, events: outcome.events };
}

const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};
const short: SignalDto = {
  position: "short",
  priceTakeProfit: 98,
  priceStopLoss: 102,
  minuteEstimatedTime: 60,
};

describe("candle fill model: market long (entry 100, TP 102, SL 98)", () => {
  it("TP touch fills at the take-profit", async () => {
    const { result } = await fill("c-long-tp", long, [
      [100, 101, 99.5, 100.5],
      [100.5, 102.3, 100.2, 101.9],
    ]);
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceOpen: 100, priceClose: 102 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 100, 102), 10);
  });

  it("SL touch fills at the stop-loss", async () => {
    const { result } = await fill("c-long-sl", long, [
      [100, 100.8, 99, 99.5],
      [99.5, 99.7, 97.9, 98.2],
    ]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(2),
      pnl: { priceClose: 98 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 100, 98), 10);
  });

  it("a gap through the stop fills at the candle's open, not at the level", async () => {
    const { result } = await fill("c-long-gap-sl", long, [
      [100, 100.5, 99.5, 99.8],
      [96.5, 97, 96, 96.8],
    ]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(2),
      pnl: { priceClose: 96.5 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 100, 96.5), 10);
  });

  it("a gap through the take-profit fills at the candle's open", async () => {
    const { result } = await fill("c-long-gap-tp", long, [
      [100, 100.5, 99.5, 100.2],
      [103, 104, 102.5, 103.5],
    ]);
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceClose: 103 },
    });
  });

  it("one candle touching both levels: the stop wins", async () => {
    const { result } = await fill("c-long-both", long, [[100, 102.5, 97.5, 100]]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(1),
      pnl: { priceClose: 98 },
    });
  });

  it("expiry closes at the close of the last candle before pendingAt + lifetime", async () => {
    const { result } = await fill("c-long-expiry", { ...long, minuteEstimatedTime: 3 }, [
      [100, 100.5, 99.5, 100.1],
      [100.1, 100.6, 99.9, 100.4],
      [100.4, 100.9, 100.2, 100.7],
    ]);
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(3),
      pnl: { priceClose: 100.7 },
    });
  });
});

describe("candle fill model: market short (entry 100, TP 98, SL 102)", () => {
  it("TP touch fills at the take-profit", async () => {
    const { result } = await fill("c-short-tp", short, [
      [100, 100.5, 99, 99.5],
      [99.5, 99.8, 97.6, 98.1],
    ]);
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceOpen: 100, priceClose: 98 },
    });
    // short 100 → 98: O = 99.9, C = 98.098 → 1.802/99.9·100 = 1.803803804; fee 0.1·(1 + 98.098/99.9) = 0.198196196 → 1.605607608
    expect(result.pnl.pnlPercentage).toBeCloseTo(1.6056076076076, 9);
  });

  it("SL touch fills at the stop-loss", async () => {
    const { result } = await fill("c-short-sl", short, [[100, 102.1, 99.9, 101]]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(1),
      pnl: { priceClose: 102 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("short", 100, 102), 10);
  });

  it("a gap through the stop fills at the open", async () => {
    const { result } = await fill("c-short-gap-sl", short, [
      [100, 100.5, 99.5, 100],
      [103.5, 104, 103, 103.2],
    ]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(2),
      pnl: { priceClose: 103.5 },
    });
  });

  it("a gap through the take-profit fills at the open", async () => {
    const { result } = await fill("c-short-gap-tp", short, [
      [100, 100.5, 99.5, 100],
      [97, 97.5, 96.5, 97.2],
    ]);
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceClose: 97 },
    });
  });

  it("one candle touching both levels: the stop wins", async () => {
    const { result } = await fill("c-short-both", short, [[100, 102.5, 97.5, 100]]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(1),
      pnl: { priceClose: 102 },
    });
  });

  it("expiry closes at the last close before the deadline", async () => {
    const { result } = await fill("c-short-expiry", { ...short, minuteEstimatedTime: 2 }, [
      [100, 100.5, 99.5, 99.9],
      [99.9, 100.2, 99.4, 99.6],
    ]);
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(2),
      pnl: { priceClose: 99.6 },
    });
  });
});

describe("candle fill model: scheduled long (priceOpen 99, TP 101, SL 97)", () => {
  const limit: SignalDto = {
    position: "long",
    priceOpen: 99,
    priceTakeProfit: 101,
    priceStopLoss: 97,
    minuteEstimatedTime: 60,
  };

  it("activation by touch fills at priceOpen; the activation candle's high above TP is not used", async () => {
    const { result, events } = await fill("c-sched-touch", limit, [
      [100, 100.2, 99.5, 99.8],
      [99.8, 101.5, 98.9, 100], // touches 99 and 101.5 ≥ TP: order unknown → only the stop is checked
      [100, 100.5, 99.5, 100.2],
      [100.2, 101.2, 100, 101], // TP
    ]);
    expect(events.map((e) => e.action)).toEqual(["scheduled", "opened", "closed"]);
    expect(events[1]).toMatchObject({
      timestamp: at(1),
      currentPrice: 99,
      signal: { pendingAt: at(1), priceOpen: 99 },
    });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(4),
      pnl: { priceOpen: 99, priceClose: 101 },
    });
  });

  it("on the activation candle the stop is checked: fill and stop in the same minute", async () => {
    const { result, events } = await fill("c-sched-touch-stop", limit, [
      [100, 100.2, 99.5, 99.8],
      [99.8, 100, 96.5, 97.5], // down through 99, then through 97
    ]);
    expect(events.map((e) => e.action)).toEqual(["scheduled", "opened", "closed"]);
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(2),
      signal: { pendingAt: at(1) },
      pnl: { priceOpen: 99, priceClose: 97 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 99, 97), 10);
  });

  it("activation by a gap fills at the open, and the whole candle counts", async () => {
    const { result, events } = await fill("c-sched-gap", limit, [
      [100, 100.2, 99.5, 99.8],
      [98.5, 101.2, 98.2, 100.8], // opens 98.5 < 99 (above SL 97); high 101.2 ≥ TP in the same candle
    ]);
    expect(events[1]).toMatchObject({ action: "opened", timestamp: at(1), currentPrice: 98.5 });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceOpen: 98.5, priceClose: 101 },
    });
  });

  it("times out scheduleAwaitMinutes after scheduledAt", async () => {
    const { result } = await fill(
      "c-sched-timeout",
      limit,
      Array.from({ length: 5 }, () => [100, 100.2, 99.5, 100] as const),
      { scheduleAwaitMinutes: 3 },
    );
    expect(result).toMatchObject({ action: "cancelled", cancelReason: "timeout", closeTimestamp: at(3) });
  });

  it("a candle opening beyond the stop before activation cancels it (price_reject)", async () => {
    const { result, events } = await fill("c-sched-reject", limit, [
      [100, 100.2, 99.5, 99.8],
      [96.5, 97, 96, 96.8],
    ]);
    expect(events.map((e) => e.action)).toEqual(["scheduled", "cancelled"]);
    expect(result).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(2),
    });
  });

  it("the lifetime counts from activation (pendingAt), not from scheduledAt", async () => {
    // scheduled 10:00, activated 10:03, lifetime 5 → expires 10:08 (not 10:05) at the close of 10:07
    const { result } = await fill("c-sched-expiry", { ...limit, minuteEstimatedTime: 5 }, [
      [100, 100.2, 99.5, 99.8],
      [99.8, 100, 99.4, 99.6],
      [99.6, 99.9, 99.2, 99.5],
      [99.5, 99.7, 98.8, 99.3], // touches 99
      [99.3, 99.9, 99.1, 99.8],
      [99.8, 100.3, 99.5, 100.1],
      [100.1, 100.4, 99.8, 100.2],
      [100.2, 100.5, 99.9, 100.3], // 10:07: last candle before expiry
      [100.3, 110, 90, 105],
    ]);
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(8),
      signal: { scheduledAt: at(0), pendingAt: at(3) },
      pnl: { priceOpen: 99, priceClose: 100.3 },
    });
  });
});

describe("candle fill model: scheduled short (priceOpen 101, TP 99, SL 103)", () => {
  const limit: SignalDto = {
    position: "short",
    priceOpen: 101,
    priceTakeProfit: 99,
    priceStopLoss: 103,
    minuteEstimatedTime: 60,
  };

  it("activation by touch at priceOpen, then take-profit", async () => {
    const { result, events } = await fill("c-ssched-touch", limit, [
      [100, 100.8, 99.5, 100.5],
      [100.5, 101.2, 100.3, 100.9], // high 101.2 ≥ 101
      [100.9, 101, 98.8, 99.2], // low 98.8 ≤ TP 99
    ]);
    expect(events[1]).toMatchObject({ action: "opened", timestamp: at(1), currentPrice: 101 });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(3),
      pnl: { priceOpen: 101, priceClose: 99 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("short", 101, 99), 10);
  });

  it("activation by a gap at the open; the whole candle counts", async () => {
    const { result, events } = await fill("c-ssched-gap", limit, [
      [100, 100.8, 99.5, 100.5],
      [101.5, 102, 98.9, 99.5],
    ]);
    expect(events[1]).toMatchObject({ action: "opened", timestamp: at(1), currentPrice: 101.5 });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceOpen: 101.5, priceClose: 99 },
    });
  });

  it("a gap above the stop before activation cancels it (price_reject)", async () => {
    const { result } = await fill("c-ssched-reject", limit, [
      [100, 100.8, 99.5, 100.5],
      [103.5, 104, 103.2, 103.8],
    ]);
    expect(result).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(2),
    });
  });

  it("times out", async () => {
    const { result } = await fill(
      "c-ssched-timeout",
      limit,
      Array.from({ length: 6 }, () => [100, 100.5, 99.5, 100] as const),
      { scheduleAwaitMinutes: 4 },
    );
    expect(result).toMatchObject({ action: "cancelled", cancelReason: "timeout", closeTimestamp: at(4) });
  });
});
