import { type ClosedResult, Live, type LiveResult, listenSignalLive, type SignalDto } from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  alwaysLong,
  at,
  expectedPnl,
  type LiveMarket,
  type Recorder,
  record,
  registerLiveMarket,
  storedState,
  takeProfitMarket,
} from "./live.test-helpers.js";

// The market: flat at 100 until 10:05, whose candle reaches 101.5; a long opened at 10:01 (at the 10:00 close,
// 100) with its take-profit at 101 closes there, decided when that candle closes at 10:06. Replays start at 10:00,
// so the first tick is 10:01.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function recorded(market: LiveMarket): Recorder {
  const recorder = record(market);
  cleanups.push(() => recorder.stop());
  return recorder;
}

/** Calls `cancel` from a listener the first time the strategy's run reports `action`. */
function cancelOn(market: LiveMarket, action: LiveResult["action"], cancel: () => void): void {
  let done = false;
  cleanups.push(
    listenSignalLive((event) => {
      if (event.strategyName !== market.strategyName || event.action !== action || done) return;
      done = true;
      cancel();
    }),
  );
}

const longAt101: SignalDto = {
  position: "long",
  priceTakeProfit: 101,
  priceStopLoss: 99,
  minuteEstimatedTime: 60,
};

describe("Live.background: graceful cancel", () => {
  it("without a cancel, the strategy trades again right after the first close (the baseline)", async () => {
    const market = registerLiveMarket({
      label: "baseline",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(8),
      getSignal: alwaysLong,
    });
    const recorder = recorded(market);
    Live.background("TEST", { ...market, clock: market.replay.clock });
    await recorder.doneOf("TEST");
    expect(recorder.timeline).toEqual([
      `TEST:opened@${at(1)}`,
      `TEST:closed@${at(6)}`,
      `TEST:opened@${at(6)}`,
      `TEST:done@${at(8)}`,
    ]);
    expect(recorder.done[0]).toMatchObject({ cancelled: false });
  });

  it("with a position open: asks for no new signal, monitors it until it closes, then fires done", async () => {
    const market = registerLiveMarket({
      label: "graceful-open",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(60),
      getSignal: alwaysLong,
    });
    const recorder = recorded(market);
    const cancel = Live.background("TEST", { ...market, clock: market.replay.clock });
    cancelOn(market, "opened", () => cancel());
    const done = await recorder.doneOf("TEST");

    // done comes after the close, at the tick that decided it (10:06), long before the replay's end (11:00).
    expect(recorder.timeline).toEqual([`TEST:opened@${at(1)}`, `TEST:closed@${at(6)}`, `TEST:done@${at(6)}`]);
    expect(done).toMatchObject({ symbol: "TEST", backtest: false, cancelled: true });
    expect(done.error).toBeUndefined();
    const closed = recorder.events[1] as ClosedResult;
    expect(closed).toMatchObject({
      closeReason: "take_profit",
      closeTimestamp: at(6),
      signal: { id: recorder.events[0]!.signal.id, priceOpen: 100 },
    });
    expect(closed.pnl.priceClose).toBe(101);
    expect(closed.pnl.pnlPercentage).toBeCloseTo(expectedPnl("long", 100, 101), 10);
    // The strategy was asked once, before the cancel; the close at 10:06 did not lead to a new signal.
    expect(market.asked.get("TEST")).toEqual([at(1)]);
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "idle" }, outbox: [] });
    expect(recorder.errors).toEqual([]);
  });

  it("with a limit entry waiting: cancels it (reason user) and ends", async () => {
    const market = registerLiveMarket({
      label: "graceful-scheduled",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(60),
      // Entry at 99 is never reached (lows stay at 100).
      getSignal: (_symbol, when) =>
        when.getTime() === at(1) ? { ...longAt101, priceOpen: 99, priceStopLoss: 98 } : null,
    });
    const recorder = recorded(market);
    const cancel = Live.background("TEST", { ...market, clock: market.replay.clock });
    cancelOn(market, "scheduled", () => cancel());
    const done = await recorder.doneOf("TEST");

    expect(recorder.timeline).toEqual([
      `TEST:scheduled@${at(1)}`,
      `TEST:cancelled@${at(1)}`,
      `TEST:done@${at(1)}`,
    ]);
    expect(recorder.events[1]).toMatchObject({
      action: "cancelled",
      cancelReason: "user",
      signal: { id: recorder.events[0]!.signal.id },
    });
    expect(done.cancelled).toBe(true);
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "idle" }, outbox: [] });
  });

  it("with nothing open: ends without asking the strategy", async () => {
    const market = registerLiveMarket({
      label: "graceful-idle",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(60),
      getSignal: alwaysLong,
    });
    const recorder = recorded(market);
    const cancel = Live.background("TEST", { ...market, clock: market.replay.clock });
    cancel();
    const done = await recorder.doneOf("TEST");
    expect(done.cancelled).toBe(true);
    expect(recorder.events).toEqual([]);
    expect(market.asked.get("TEST")).toBeUndefined();
  });
});

describe("Live.background: cancel({ immediately: true })", () => {
  it("stops at once with the position open, leaves it persisted, and the next start resumes it", async () => {
    const candles = { TEST: takeProfitMarket() };
    const onlyAt1001 = (_symbol: string, when: Date) => (when.getTime() === at(1) ? longAt101 : null);

    // The same market run without interruption, for comparison.
    const reference = registerLiveMarket({
      label: "immediate-reference",
      candles,
      start: at(0),
      end: at(30),
      getSignal: onlyAt1001,
    });
    const expected: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...reference, clock: reference.replay.clock })) {
      expected.push(result);
    }
    expect(expected.map((result) => result.action)).toEqual(["opened", "closed"]);

    const market = registerLiveMarket({
      label: "immediate",
      candles,
      start: at(0),
      end: at(30),
      getSignal: onlyAt1001,
    });
    const recorder = recorded(market);
    const cancel = Live.background("TEST", { ...market, clock: market.replay.clock });
    cancelOn(market, "opened", () => cancel({ immediately: true }));
    const done = await recorder.doneOf("TEST");

    // Ended at the tick of the open (10:01): no close, no waiting for the position.
    expect(recorder.timeline).toEqual([`TEST:opened@${at(1)}`, `TEST:done@${at(1)}`]);
    expect(done.cancelled).toBe(true);
    const opened = recorder.events[0]!;
    const state = await storedState(market, "TEST");
    expect(state).toMatchObject({
      version: 1,
      exchangeName: market.exchangeName,
      runner: { phase: "opened", signal: { id: opened.signal.id, priceOpen: 100 } },
      outbox: [],
    });

    // The next start (same store, the replay going on from 10:01) restores that position under the same id
    // and closes it exactly as the uninterrupted run did.
    const resumed: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      resumed.push(result);
    }
    expect(resumed.map((result) => result.action)).toEqual(["closed"]);
    expect(resumed[0]!.signal.id).toBe(opened.signal.id);
    // Everything but the names (and the id derived from them) is the uninterrupted run's close.
    const anonymous = (result: LiveResult) => ({
      ...result,
      strategyName: "",
      exchangeName: "",
      signal: { ...result.signal, id: "", strategyName: "", exchangeName: "" },
    });
    expect(anonymous(resumed[0]!)).toEqual(anonymous(expected[1]!));
    expect(resumed[0]).toMatchObject({ closeReason: "take_profit", closeTimestamp: at(6) });
    expect(market.asked.get("TEST")).toEqual(reference.asked.get("TEST"));
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "idle" }, outbox: [] });
  });
});

describe("Live: one run per state", () => {
  it("refuses a second live run of the same strategy and symbol on the same persistence while the first runs", async () => {
    const market = registerLiveMarket({
      label: "claim",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(60),
      getSignal: alwaysLong,
    });
    const first = Live.run("TEST", { ...market, clock: market.replay.clock });
    await first.next(); // started: its state is claimed
    const second = Live.run("TEST", { ...market, clock: market.replay.clock });
    await expect(second.next()).rejects.toThrow(
      /a live run of claim-strategy-\d+ on TEST is already running on this persistence/,
    );
    await first.return(undefined);
    // Released with the first run: the state can be taken up again.
    const again = Live.run("TEST", { ...market, clock: market.replay.clock });
    await expect(again.next()).resolves.toBeDefined();
    await again.return(undefined);
  });
});
