import type { SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type Bar, bars, flat } from "../testing/memory-exchange.js";
import { expectedPnl, runScenario, signalsAt } from "../testing/scenario.js";

// The `vwap` fill model end to end (config.fillModel = "vwap", vwapCandles 5). Candles are flat
// (O = H = L = C) with volume 1 unless written otherwise, so each VWAP is the mean of the last 5 closes.
// Five candles at 100 precede T0: the market entry at T0 is VWAP(100 × 5) = 100.
function closes(...prices: number[]): Bar[] {
  return prices.map((p) => [p, p, p, p, 1] as const);
}

async function fill(
  label: string,
  signal: SignalDto,
  rows: readonly Bar[],
  options: { warmup?: readonly Bar[]; config?: { scheduleAwaitMinutes?: number } } = {},
) {
  const last = rows[rows.length - 1]![3];
  const warmup = options.warmup ?? closes(100, 100, 100, 100, 100);
  const outcome = await runScenario({
    label,
    candles: [...bars(at(-warmup.length), warmup), ...bars(at(0), rows), ...flat(at(rows.length), 30, last)],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({ [at(0)]: signal }),
    config: { fillModel: "vwap", ...options.config },
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

describe("vwap fill model: market entries", () => {
  it("a market entry fills at the VWAP of the last 5 closed 1m candles (not the last close)", async () => {
    // typical prices (H+L+C)/3 and volumes: 99×1, 100×2, 101×1, (102+98+100)/3 = 100 ×3, (103+101+102)/3 = 102 ×1
    // VWAP = (99 + 200 + 101 + 300 + 102)/8 = 802/8 = 100.25 (the candle model would take the last close, 102)
    const { events, result } = await fill(
      "v-entry",
      { position: "long", priceTakeProfit: 101.5, priceStopLoss: 99, minuteEstimatedTime: 2 },
      closes(100.25, 100.25),
      {
        warmup: [
          [99, 99, 99, 99, 1],
          [100, 100, 100, 100, 2],
          [101, 101, 101, 101, 1],
          [100, 102, 98, 100, 3],
          [102, 103, 101, 102, 1],
        ],
      },
    );
    expect(events[0]).toMatchObject({
      action: "opened",
      currentPrice: 100.25,
      signal: { priceOpen: 100.25 },
    });
    expect(result.pnl.priceOpen).toBe(100.25);
  });
});

describe("vwap fill model: market long (entry 100, TP 102, SL 98)", () => {
  it("closes at the take-profit level once the VWAP reaches it", async () => {
    // after 10:00 (104): (400 + 104)/5 = 100.8; after 10:01 (106): (300 + 104 + 106)/5 = 102 ≥ 102
    // (the candle model would have closed at 104 on the 10:00 candle's gap through TP)
    const { result } = await fill("v-long-tp", long, closes(104, 106));
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceOpen: 100, priceClose: 102 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 100, 102), 10);
  });

  it("closes at the stop-loss level once the VWAP reaches it", async () => {
    // after 10:00 (95): 99; after 10:01 (90): (300 + 95 + 90)/5 = 97 ≤ 98 → fills at 98, not at 97 or 90
    const { result } = await fill("v-long-sl", long, closes(95, 90));
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(2),
      pnl: { priceClose: 98 },
    });
  });

  it("a candle spanning both levels closes neither: its typical price keeps the VWAP in between", async () => {
    // 10:00: H 103, L 97, C 100 → typical 100 → VWAP 100. Lifetime 3 → expires 10:03 at VWAP(100 × 5) = 100.
    const { result } = await fill("v-long-both", { ...long, minuteEstimatedTime: 3 }, [
      [100, 103, 97, 100, 1],
      ...closes(100, 100),
    ]);
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(3),
      pnl: { priceClose: 100 },
    });
  });

  it("expiry closes at the VWAP of the 5 candles before the deadline", async () => {
    // lifetime 3 → 10:03; candles 09:58..10:02 = 100, 100, 100.5, 101, 101.5 → 503/5 = 100.6
    // (VWAPs on the way: 100.1, 100.3, 100.6 — neither level)
    const { result } = await fill(
      "v-long-expiry",
      { ...long, minuteEstimatedTime: 3 },
      closes(100.5, 101, 101.5),
    );
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(3),
      pnl: { priceClose: 100.6 },
    });
    expect(result.pnl.priceClose).toBeCloseTo(100.6, 10);
  });
});

describe("vwap fill model: market short (entry 100, TP 98, SL 102)", () => {
  it("closes at the take-profit level", async () => {
    // after 10:00: (400 + 95)/5 = 99; after 10:01: (300 + 95 + 95)/5 = 98 ≤ 98
    const { result } = await fill("v-short-tp", short, closes(95, 95));
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(2),
      pnl: { priceClose: 98 },
    });
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("short", 100, 98), 10);
  });

  it("closes at the stop-loss level", async () => {
    // after 10:00: (400 + 110)/5 = 102 ≥ 102
    const { result } = await fill("v-short-sl", short, closes(110));
    expect(result).toMatchObject({
      closeReason: "stop_loss",
      closeTimestamp: at(1),
      pnl: { priceClose: 102 },
    });
  });
});

describe("vwap fill model: scheduled long (priceOpen 99, TP 101, SL 97)", () => {
  const limit: SignalDto = {
    position: "long",
    priceOpen: 99,
    priceTakeProfit: 101,
    priceStopLoss: 97,
    minuteEstimatedTime: 60,
  };

  it("activates at priceOpen when the VWAP falls to it, then closes at the take-profit", async () => {
    // after 10:00 (97): 497/5 = 99.4; after 10:01 (96): (300 + 97 + 96)/5 = 98.6 ≤ 99 → opened at 99, pendingAt 10:02
    // then 104s: after 10:02: (200 + 97 + 96 + 104)/5 = 99.4; 10:03: (100 + 97 + 96 + 208)/5 = 100.2;
    // 10:04: (97 + 96 + 312)/5 = 101 ≥ 101 → TP at 10:05
    const { result, events } = await fill("v-sched", limit, closes(97, 96, 104, 104, 104));
    expect(events.map((e) => e.action)).toEqual(["scheduled", "opened", "closed"]);
    expect(events[1]).toMatchObject({
      timestamp: at(2),
      currentPrice: 99,
      signal: { pendingAt: at(2), priceOpen: 99 },
    });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(5),
      pnl: { priceOpen: 99, priceClose: 101 },
    });
  });

  it("cancels (price_reject) when the VWAP reaches the stop before the entry", async () => {
    // after 10:00 (80): (400 + 80)/5 = 96 ≤ SL 97
    const { result } = await fill("v-sched-reject", limit, closes(80));
    expect(result).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(1),
    });
  });

  it("times out after scheduleAwaitMinutes", async () => {
    const { result } = await fill("v-sched-timeout", limit, closes(100, 100, 100, 100), {
      config: { scheduleAwaitMinutes: 3 },
    });
    expect(result).toMatchObject({ action: "cancelled", cancelReason: "timeout", closeTimestamp: at(3) });
  });

  it("the lifetime counts from activation: opened 10:02 with lifetime 4 expires at 10:06, at the VWAP", async () => {
    // activation as above (97, 96 → pendingAt 10:02); then 99s: VWAPs 98.4, 98.2, 98, 98.4 — between SL 97 and TP 101
    // expiry at 10:06 (not 10:04 = scheduledAt + 4) at VWAP(10:01..10:05) = (96 + 99·4)/5 = 492/5 = 98.4
    const { result } = await fill(
      "v-sched-expiry",
      { ...limit, minuteEstimatedTime: 4 },
      closes(97, 96, 99, 99, 99, 99, 99),
    );
    expect(result).toMatchObject({
      closeReason: "time_expired",
      closeTimestamp: at(6),
      signal: { scheduledAt: at(0), pendingAt: at(2) },
    });
    expect(result.pnl.priceClose).toBeCloseTo(98.4, 10);
    expect(result.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 99, 98.4), 9);
  });
});

describe("vwap fill model: scheduled short (priceOpen 101, TP 99, SL 103)", () => {
  const limit: SignalDto = {
    position: "short",
    priceOpen: 101,
    priceTakeProfit: 99,
    priceStopLoss: 103,
    minuteEstimatedTime: 60,
  };

  it("activates when the VWAP rises to priceOpen", async () => {
    // after 10:00 (106): 506/5 = 101.2 ≥ 101 → opened at 101, pendingAt 10:01
    // then 95s: 10:01: (300 + 106 + 95)/5 = 100.2; 10:02: (200 + 106 + 190)/5 = 99.2; 10:03: (100 + 106 + 285)/5 = 98.2 ≤ 99
    const { result, events } = await fill("v-ssched", limit, closes(106, 95, 95, 95));
    expect(events[1]).toMatchObject({ action: "opened", timestamp: at(1), currentPrice: 101 });
    expect(result).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(4),
      pnl: { priceOpen: 101, priceClose: 99 },
    });
  });

  it("cancels (price_reject) when the VWAP reaches the stop first", async () => {
    // after 10:00 (120): 520/5 = 104 ≥ 103
    const { result } = await fill("v-ssched-reject", limit, closes(120));
    expect(result).toMatchObject({
      action: "cancelled",
      cancelReason: "price_reject",
      closeTimestamp: at(1),
    });
  });
});
