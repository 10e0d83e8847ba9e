import { Live, type LiveResult, type LiveState, type PersistAdapter, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { alwaysLong, at, registerLiveMarket, storedState, takeProfitMarket } from "./live.test-helpers.js";

// In-process stand-ins for a crash: a run stuck forever at some await (as if the process had died there),
// whose replay clock is then released by hand (`detach`, what the dead process would no longer hold), and a new
// run started on the same store, as a restarted process would. The real kill -9 tests live in
// packages/live-crash-tests.
//
// Market as in live-shutdown.test.ts; with `alwaysLong`, the tick of 10:06 closes the first position (take
// profit at 101) and opens the next one at 101 (a 60-minute position in a flat market: it expires at 11:06).

const longOnce = (_symbol: string, when: Date): SignalDto | null =>
  when.getTime() === at(1)
    ? { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
    : null;

/** A store that performs the write that puts `action` in the outbox, then never returns: a crash right after it. */
function crashingAfterWriteOf(
  persist: PersistAdapter,
  action: LiveResult["action"],
): { persist: PersistAdapter; crashed: Promise<void> } {
  let crash!: () => void;
  const crashed = new Promise<void>((resolve) => {
    crash = resolve;
  });
  return {
    crashed,
    persist: {
      ...persist,
      async write(key, value) {
        await persist.write(key, value);
        const state = value as unknown as LiveState;
        if (state.outbox.some((result) => result.action === action)) {
          crash();
          await new Promise(() => undefined);
        }
      },
    },
  };
}

describe("Live: the outbox across a crash", () => {
  it("a crash after the state write and before delivery re-delivers those results on restart, same ids", async () => {
    const market = registerLiveMarket({
      label: "outbox-redeliver",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(20),
      getSignal: longOnce,
    });
    const { persist, crashed } = crashingAfterWriteOf(market.persist, "opened");
    const delivered: LiveResult[] = [];
    void (async () => {
      for await (const result of Live.run("TEST", { ...market, persist, clock: market.replay.clock })) {
        delivered.push(result);
      }
    })();
    await crashed;
    market.replay.clock.detach?.();

    expect(delivered).toEqual([]);
    const state = await storedState(market, "TEST");
    expect(state?.runner.phase).toBe("opened");
    expect(state?.outbox.map((result) => result.action)).toEqual(["opened"]);

    const resumed: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      resumed.push(result);
    }
    expect(resumed.map((result) => [result.action, result.timestamp])).toEqual([
      ["opened", at(1)],
      ["closed", at(6)],
    ]);
    expect(resumed[0]!.signal.id).toBe(state!.runner.signal!.id);
    expect(resumed[1]!.signal.id).toBe(state!.runner.signal!.id);
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "idle" }, outbox: [] });
  });

  // Regression: `publish` used to clear the outbox before yielding. When one tick produced two results (here
  // `closed` then `opened`), a process that died while its `for await` body handled the first one never yielded
  // the second, and the restart did not re-deliver it: the consumer saw a position close that it never saw open.
  it("a crash while the consumer handles the first result of a tick still delivers the second one after restart", async () => {
    const market = registerLiveMarket({
      label: "outbox-consumer-crash",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(70),
      getSignal: alwaysLong,
    });
    const first = Live.run("TEST", { ...market, clock: market.replay.clock });
    const seen: LiveResult[] = [];
    while (seen.at(-1)?.action !== "closed") {
      const next = await first.next();
      if (next.done) throw new Error("the run ended before the first close");
      seen.push(next.value);
    }
    // The consumer got `closed` (10:06) and dies while handling it: `first` is never resumed.
    market.replay.clock.detach?.();
    const state = await storedState(market, "TEST");
    expect(state?.runner.phase).toBe("opened");
    const reopened = state!.runner.signal!.id;
    // The `opened` of 10:06 was never yielded: it must still be in the outbox...
    expect(state?.outbox.map((result) => `${result.action}:${result.signal.id}`)).toContain(
      `opened:${reopened}`,
    );

    // ...so that the restarted process delivers it before the close of that position. (A new adapter object over
    // the same store stands for the new process: the abandoned run still holds its in-process claim.)
    const resumed: LiveResult[] = [];
    const restartedPersist = { ...market.persist };
    for await (const result of Live.run("TEST", {
      ...market,
      persist: restartedPersist,
      clock: market.replay.clock,
    })) {
      resumed.push(result);
    }
    const ofReopened = resumed
      .filter((result) => result.signal.id === reopened)
      .map((result) => result.action);
    expect(ofReopened).toEqual(["opened", "closed"]);
  });

  // Same bug, no crash needed: the "break after N signals" pattern of the seeds (Sequential Live Trading).
  it("breaking out of Live.run after a close does not lose the open of the same tick", async () => {
    const market = registerLiveMarket({
      label: "outbox-break",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(70),
      getSignal: alwaysLong,
    });
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      if (result.action === "closed") break;
    }
    const state = await storedState(market, "TEST");
    expect(state?.runner.phase).toBe("opened");
    const reopened = state!.runner.signal!.id;

    const resumed: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      resumed.push(result);
    }
    const ofReopened = resumed
      .filter((result) => result.signal.id === reopened)
      .map((result) => result.action);
    expect(ofReopened).toEqual(["opened", "closed"]);
  });
});

describe("Live: a clean break", () => {
  // Regression (issue 9, item 8): breaking on the last result of a tick left it in the outbox, so the next start
  // delivered it again although the consumer had already received it.
  it("breaking right after a result does not deliver it again on the next start; the next one comes", async () => {
    const market = registerLiveMarket({
      label: "outbox-clean-break",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(20),
      getSignal: longOnce,
    });
    const first: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      first.push(result);
      break;
    }
    expect(first.map((result) => [result.action, result.timestamp])).toEqual([["opened", at(1)]]);
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "opened" }, outbox: [] });

    const resumed: LiveResult[] = [];
    for await (const result of Live.run("TEST", { ...market, clock: market.replay.clock })) {
      resumed.push(result);
    }
    // The long opened at 10:01 takes its profit at 101 in the 10:05 candle (decided at its close, 10:06).
    expect(resumed.map((result) => [result.action, result.timestamp])).toEqual([["closed", at(6)]]);
    expect(resumed[0]!.signal.id).toBe(first[0]!.signal.id);
  });

  it("breaking on a redelivered outbox result clears it too", async () => {
    const market = registerLiveMarket({
      label: "outbox-break-redelivered",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(20),
      getSignal: longOnce,
    });
    const { persist, crashed } = crashingAfterWriteOf(market.persist, "opened");
    void (async () => {
      for await (const _ of Live.run("TEST", { ...market, persist, clock: market.replay.clock })) {
        // never reached: the store "crashes" right after writing the opened result
      }
    })();
    await crashed;
    market.replay.clock.detach?.();
    const restarted = { ...market.persist };
    for await (const result of Live.run("TEST", {
      ...market,
      persist: restarted,
      clock: market.replay.clock,
    })) {
      expect(result.action).toBe("opened");
      break;
    }
    expect(await storedState(market, "TEST")).toMatchObject({ runner: { phase: "opened" }, outbox: [] });
  });
});
