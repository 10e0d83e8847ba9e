import {
  addStrategy,
  Backtest,
  Schedule,
  type SignalDto,
  type SignalEvent,
  type SignalRow,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { defaultEngineState } from "../engine/default-engine.js";
import {
  at,
  bars,
  flat,
  MINUTE,
  registerMarket,
  uniqueName,
} from "../walker/hand-made-market.test-helpers.js";

// Limit entries at 99 while the market is at 100 (TP 101, SL 97 unless said otherwise), 1m candles by hand:
//   10:00 scheduled → 10:03 the low touches 99: activated after 3 minutes (then TP at 10:10)
//   10:15 scheduled (SL 98.5) → 10:17 opens at 98, beyond the stop: cancelled (price_reject) at 10:18, 3 minutes
//   10:25 scheduled → nothing reaches 99: cancelled (timeout) after scheduleAwaitMinutes = 10, at 10:35
//   10:40 a market entry: opened, but never scheduled, so it counts nowhere
//   10:50 scheduled → the 10:50 candle itself touches 99: activated after 0 minutes
const limit: SignalDto = {
  position: "long",
  priceOpen: 99,
  priceTakeProfit: 101,
  priceStopLoss: 97,
  minuteEstimatedTime: 5,
};
const signals: Record<number, SignalDto> = {
  0: { ...limit, minuteEstimatedTime: 30 },
  15: { ...limit, priceStopLoss: 98.5 },
  25: limit,
  40: { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 5 },
  50: limit,
};
const candles = [
  ...flat(at(-5), 8, 100),
  ...bars(at(3), [[100, 100, 98.8, 99.5]]),
  ...flat(at(4), 6, 100),
  ...bars(at(10), [[100, 101.5, 100, 101]]),
  ...flat(at(11), 6, 100),
  ...bars(at(17), [[98, 98, 98, 98]]),
  ...flat(at(18), 32, 100),
  ...bars(at(50), [[100, 100, 98.9, 99.5]]),
  ...flat(at(51), 60, 100),
];

function registerScheduling(label: string) {
  const strategyName = uniqueName(`${label}-strategy`);
  addStrategy({
    strategyName,
    interval: "1m",
    getSignal: (_symbol, when) => signals[(when.getTime() - at(0)) / MINUTE] ?? null,
  });
  return { strategyName, ...registerMarket(label, { TEST: candles, TEST2: candles }, 0, 70) };
}

async function backtest(symbol: string, names: ReturnType<typeof registerScheduling>) {
  const results = [];
  for await (const result of Backtest.run(symbol, { ...names, config: { scheduleAwaitMinutes: 10 } }))
    results.push(result);
  return results;
}

describe("Schedule.getData", () => {
  it("counts scheduled, activated and cancelled entries, rates and waits, computed by hand", async () => {
    const names = registerScheduling("schedule");
    const results = await backtest("TEST", names);
    // the scenario itself, as the comment above describes it
    expect(
      results.map((r) =>
        r.action === "cancelled" ? `cancelled:${r.cancelReason}` : `closed:${r.closeReason}`,
      ),
    ).toEqual([
      "closed:take_profit",
      "cancelled:price_reject",
      "cancelled:timeout",
      "closed:time_expired",
      "closed:time_expired",
    ]);
    const data = Schedule.getData(names.strategyName);
    expect(data.strategyName).toBe(names.strategyName);
    expect(data.symbols).toEqual(["TEST"]);
    expect(data.backtest).toEqual({
      scheduled: 4,
      activated: 2, // 10:00 (after 3 min) and 10:50 (after 0 min)
      cancelled: 2,
      pending: 0,
      activationRate: 50, // 2 / (2 + 2)
      cancellationRate: 50,
      avgActivationWaitMinutes: 1.5, // (3 + 0) / 2
      avgCancellationWaitMinutes: 6.5, // (3 + 10) / 2
      avgWaitMinutes: 4, // (3 + 0 + 3 + 10) / 4
      cancelReasons: { timeout: 1, price_reject: 1, end_of_data: 0, user: 0 },
    });
    expect(data.live).toEqual({
      scheduled: 0,
      activated: 0,
      cancelled: 0,
      pending: 0,
      activationRate: null,
      cancellationRate: null,
      avgActivationWaitMinutes: null,
      avgCancellationWaitMinutes: null,
      avgWaitMinutes: null,
      cancelReasons: { timeout: 0, price_reject: 0, end_of_data: 0, user: 0 },
    });
  });

  it("replaces a symbol's figures when it is backtested again, adds up symbols, and filters by symbol", async () => {
    const names = registerScheduling("rerun");
    await backtest("TEST", names);
    await backtest("TEST", names);
    expect(Schedule.getData(names.strategyName).backtest.scheduled).toBe(4);
    await backtest("TEST2", names);
    const all = Schedule.getData(names.strategyName);
    expect(all.symbols).toEqual(["TEST", "TEST2"]);
    expect(all.backtest).toMatchObject({ scheduled: 8, activated: 4, cancelled: 4, avgWaitMinutes: 4 });
    expect(Schedule.getData(names.strategyName, "TEST2").backtest).toMatchObject({
      scheduled: 4,
      activated: 2,
    });
    expect(Schedule.getData(names.strategyName, "OTHER").symbols).toEqual([]);
  });

  it("keeps live events apart and counts an activation whose scheduling it never saw (a restart)", () => {
    const strategyName = uniqueName("live-schedule");
    const row = (id: string, scheduledAt: number, pendingAt: number): SignalRow => ({
      id,
      symbol: "LIVE",
      strategyName,
      exchangeName: "x",
      frameName: "",
      position: "long",
      priceOpen: 99,
      priceTakeProfit: 101,
      priceStopLoss: 97,
      minuteEstimatedTime: 60,
      originalPriceTakeProfit: 101,
      originalPriceStopLoss: 97,
      quantity: 1,
      entries: [],
      exits: [],
      levelChanges: [],
      scheduledAt,
      pendingAt,
    });
    const base = {
      symbol: "LIVE",
      strategyName,
      exchangeName: "x",
      frameName: "",
      backtest: false,
      currentPrice: 99,
    };
    const events: SignalEvent[] = [
      { ...base, action: "scheduled", timestamp: at(0), signal: row("a", at(0), 0) },
      { ...base, action: "opened", timestamp: at(2), signal: row("a", at(0), at(2)) }, // waited 2 minutes
      { ...base, action: "opened", timestamp: at(10), signal: row("b", at(5), at(10)) }, // scheduled before a restart
      { ...base, action: "opened", timestamp: at(20), signal: row("c", at(20), at(20)) }, // a market entry
      { ...base, action: "scheduled", timestamp: at(30), signal: row("d", at(30), 0) }, // still waiting
    ];
    for (const event of events) defaultEngineState.publishSignal(event);
    const data = Schedule.getData(strategyName);
    expect(data.backtest.scheduled).toBe(0);
    expect(data.live).toMatchObject({
      scheduled: 2,
      activated: 2,
      cancelled: 0,
      pending: 1, // "d"
      activationRate: 100,
      cancellationRate: 0,
      avgActivationWaitMinutes: 3.5, // (2 + 5) / 2
      avgCancellationWaitMinutes: null,
      avgWaitMinutes: 3.5,
    });
  });
});
