import { setTimeout as sleep } from "node:timers/promises";
import {
  Backtest,
  type CancelledResult,
  CandlewickError,
  type ClosedResult,
  type DoneEvent,
  getDate,
  listenDoneBacktest,
  listenError,
  listenProgress,
  listenSignal,
  listenSignalBacktest,
  listenSignalLive,
  listenSignalOnce,
  type ProgressEvent,
  type SignalDto,
  type SignalEvent,
  type SignalRow,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, flat } from "../testing/memory-exchange.js";
import { registerScenario, runScenario, type ScenarioOptions, signalsAt } from "../testing/scenario.js";

const limitLong: SignalDto = {
  position: "long",
  priceOpen: 99,
  priceTakeProfit: 101,
  priceStopLoss: 97,
  minuteEstimatedTime: 60,
};

/** Scheduled at 10:00, opened at 10:01 (touch 99), closed at 10:04 (TP 101); then a second scheduled signal at
 * 10:05 that times out at 10:08 (scheduleAwaitMinutes 3). */
function twoSignals(label: string): ScenarioOptions {
  return {
    label,
    candles: [
      ...flat(at(-5), 5, 100),
      ...bars(at(0), [
        [100, 100.2, 99.5, 99.8],
        [99.8, 99.9, 98.9, 99.2],
        [99.2, 100.5, 99.1, 100.4],
        [100.4, 101.3, 100.3, 101.1],
        [101.1, 101.2, 100.5, 100.6],
      ]),
      ...flat(at(5), 30, 100.6),
    ],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({
      [at(0)]: limitLong,
      [at(5)]: {
        position: "long",
        priceOpen: 99.5,
        priceTakeProfit: 101,
        priceStopLoss: 98,
        minuteEstimatedTime: 60,
      },
    }),
    config: { scheduleAwaitMinutes: 3 },
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await sleep(1);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("signal streams", () => {
  it("listenSignal and listenSignalBacktest get scheduled → opened → closed → scheduled → cancelled in order; listenSignalLive nothing", async () => {
    const all: string[] = [];
    const backtestOnly: string[] = [];
    const live: SignalEvent[] = [];
    const stops = [
      listenSignal((e) => void all.push(`${e.action}@${(e.timestamp - at(0)) / 60_000}`)),
      listenSignalBacktest((e) => void backtestOnly.push(`${e.action}@${(e.timestamp - at(0)) / 60_000}`)),
      listenSignalLive((e) => void live.push(e)),
    ];
    const { results, events } = await runScenario(twoSignals("streams"));
    for (const stop of stops) stop();
    expect(all).toEqual(["scheduled@0", "opened@1", "closed@4", "scheduled@5", "cancelled@8"]);
    expect(backtestOnly).toEqual(all);
    expect(live).toEqual([]);
    expect(events.every((e) => e.backtest)).toBe(true);
    // the last two events are the yielded results, the very same objects
    expect(results).toEqual([events[2], events[4]]);
  });

  it("done fires once, after the last result; progress ends at 1", async () => {
    const timeline: string[] = [];
    const done: DoneEvent[] = [];
    const progress: ProgressEvent[] = [];
    const options = twoSignals("done");
    const names = registerScenario(options);
    const stops = [
      listenSignalBacktest((e) => {
        if (e.strategyName === names.strategyName) timeline.push(`event:${e.action}`);
      }),
      listenDoneBacktest((e) => {
        if (e.strategyName === names.strategyName) {
          timeline.push("done");
          done.push(e);
        }
      }),
      listenProgress((e) => {
        if (e.strategyName === names.strategyName) progress.push(e);
      }),
    ];
    for await (const result of Backtest.run("TEST", { ...names, config: { scheduleAwaitMinutes: 3 } })) {
      timeline.push(`result:${result.action}`);
    }
    for (const stop of stops) stop();
    expect(timeline).toEqual([
      "event:scheduled",
      "event:opened",
      "event:closed",
      "result:closed",
      "event:scheduled",
      "event:cancelled",
      "result:cancelled",
      "done",
    ]);
    expect(done).toEqual([
      {
        runId: expect.stringMatching(/^run-\d+$/),
        symbol: "TEST",
        strategyName: names.strategyName,
        exchangeName: names.exchangeName,
        frameName: names.frameName,
        backtest: true,
        cancelled: false,
      },
    ]);
    // 20 one-minute frames
    expect(progress.at(-1)).toMatchObject({ progress: 1, processedFrames: 20, totalFrames: 20 });
    expect(progress[0]).toMatchObject({ progress: 0, processedFrames: 0 });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.progress).toBeGreaterThanOrEqual(progress[i - 1]!.progress);
  });
});

describe("listeners", () => {
  it("an async listener is called one event at a time, in order", async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const stop = listenSignal(async (e) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(5);
      order.push(e.action);
      active -= 1;
    });
    const { events } = await runScenario(twoSignals("queued"));
    await waitFor(() => order.length >= 5, "the queued listener");
    stop();
    expect(maxActive).toBe(1);
    expect(order).toEqual(events.map((e) => e.action));
  });

  it("a throwing or rejecting listener is reported on listenError and the run completes", async () => {
    const thrown = new Error("listener broke");
    const rejected = new Error("async listener broke");
    const stops = [
      listenSignal((e) => {
        if (e.action === "opened") throw thrown;
      }),
      listenSignal(async (e) => {
        if (e.action === "closed") throw rejected;
      }),
    ];
    const errors: Error[] = [];
    stops.push(listenError((error) => void errors.push(error)));
    const { results } = await runScenario(twoSignals("throwing"));
    // the rejection settles after the run: the error stream still gets it
    await waitFor(() => errors.includes(rejected), "the rejected listener's error");
    for (const stop of stops) stop();
    expect(results.map((r) => r.action)).toEqual(["closed", "cancelled"]);
    expect(errors).toEqual([thrown, rejected]);
  });

  it("unsubscribe stops delivery", async () => {
    const before: string[] = [];
    const stopBefore = listenSignal((e) => void before.push(e.action));
    stopBefore();
    const firstOnly: string[] = [];
    const stopFirst = listenSignal((e) => {
      firstOnly.push(e.action);
      stopFirst();
    });
    const { events } = await runScenario(twoSignals("unsubscribe"));
    expect(events).toHaveLength(5);
    expect(before).toEqual([]);
    expect(firstOnly).toEqual(["scheduled"]);
  });

  it("listenSignalOnce delivers the first matching event only", async () => {
    const got: SignalEvent[] = [];
    listenSignalOnce(
      (e) => e.action === "closed" || e.action === "cancelled",
      (e) => void got.push(e),
    );
    await runScenario(twoSignals("once"));
    expect(got.map((e) => e.action)).toEqual(["closed"]);
  });
});

describe("strategy callbacks", () => {
  it("onSchedule, onOpen, onClose and onCancel fire with the signal, in the event's execution context, before the streams", async () => {
    const calls: string[] = [];
    const seen: { schedule?: SignalRow; open?: SignalRow; close?: ClosedResult; cancel?: CancelledResult } =
      {};
    const options = twoSignals("callbacks");
    const { events, strategyName } = await runScenario({
      ...options,
      callbacks: {
        onSchedule(symbol, signal, currentPrice, backtest) {
          calls.push(
            `schedule ${symbol} ${currentPrice} ${backtest} @${(getDate().getTime() - at(0)) / 60_000}`,
          );
          seen.schedule ??= signal;
        },
        async onOpen(symbol, signal, currentPrice, backtest) {
          await sleep(2); // an async callback is awaited before the event is published
          calls.push(`open ${symbol} ${currentPrice} ${backtest} @${(getDate().getTime() - at(0)) / 60_000}`);
          seen.open = signal;
        },
        onClose(symbol, result, backtest) {
          calls.push(
            `close ${symbol} ${result.closeReason} ${backtest} @${(getDate().getTime() - at(0)) / 60_000}`,
          );
          seen.close = result;
        },
        onCancel(symbol, result, backtest) {
          calls.push(
            `cancel ${symbol} ${result.cancelReason} ${backtest} @${(getDate().getTime() - at(0)) / 60_000}`,
          );
          seen.cancel = result;
        },
      },
    });
    expect(calls).toEqual([
      "schedule TEST 100 true @0",
      "open TEST 99 true @1",
      "close TEST take_profit true @4",
      "schedule TEST 100.6 true @5",
      "cancel TEST timeout true @8",
    ]);
    expect(seen.schedule).toMatchObject({ strategyName, priceOpen: 99, pendingAt: 0, scheduledAt: at(0) });
    expect(seen.open).toMatchObject({ priceOpen: 99, pendingAt: at(1) });
    expect(seen.close).toBe(events[2]);
    expect(seen.cancel).toBe(events[4]);
  });

  it("a throwing callback is reported and the event is still published", async () => {
    const { events, errors, strategyName } = await runScenario({
      ...twoSignals("callback-throws"),
      callbacks: {
        onOpen() {
          throw new Error("onOpen broke");
        },
        async onClose() {
          throw new Error("onClose broke");
        },
      },
    });
    expect(events.map((e) => e.action)).toEqual(["scheduled", "opened", "closed", "scheduled", "cancelled"]);
    expect(errors.map((e) => e.message)).toEqual([
      `[core] strategy "${strategyName}" on TEST: callback for "opened" threw: onOpen broke`,
      `[core] strategy "${strategyName}" on TEST: callback for "closed" rejected: onClose broke`,
    ]);
    expect(errors.every((e) => CandlewickError.isInstance(e))).toBe(true);
  });
});
