import {
  createMemoryPersist,
  createPaperBroker,
  type LiveResult,
  type LiveState,
  liveStateKey,
  type PersistAdapter,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { slippingBroker } from "./venue-brokers.test-helpers.js";
import { liveRun } from "./venue-runs.test-helpers.js";

// A process dies right after the write that recorded the venue's fills of a tick's legs, before the tick released
// the events waiting for them (and booked their amendments). The restart must release them before its first
// tick, as the killed tick would have (at the killed tick's time; released at the first tick instead, their
// amendments were booked after that tick's fills, and in the order-crash test's 1,000-point run the realised PnL
// parted from the uninterrupted run's by 2 ulps). On a venue that fills worse than the model (slippingBroker), so
// every leg is amended; the account must still equal the uninterrupted run's bit for bit.
const strategyName = "bracket-1m";
const SLIP = { firstShare: 0.4, first: 0.0005, second: 0.001, feeRate: 0.001 };
const key = liveStateKey({ strategyName, symbol: "BTCUSDT" });

/** True for a state holding waiting events whose legs all have their venue fills: the tick's release is next. */
function waitingForRelease(state: LiveState): boolean {
  const waiting = new Set((state.withheld ?? []).map((event) => event.signal.id));
  if (waiting.size === 0) return false;
  return (state.orders ?? []).every(
    (intent) =>
      !waiting.has(intent.signalId) ||
      (intent.status === "filled" && intent.fills.length > 0) ||
      intent.status === "cancelled",
  );
}

/** `persist`, dying (the write throws after it landed) at the `n`-th write that leaves a release pending. */
function dyingAt(persist: PersistAdapter, n: number): { adapter: PersistAdapter; died: () => number | null } {
  let seen = 0;
  let at: number | null = null;
  const adapter: PersistAdapter = {
    ...persist,
    async write(writeKey, value) {
      await persist.write(writeKey, value);
      const state = value as unknown as LiveState;
      if (at === null && state.version === 1 && waitingForRelease(state) && ++seen === n) {
        at = state.runner.scanFrom;
        throw new Error("SIGKILL");
      }
    },
  };
  return { adapter, died: () => at };
}

const byIdAndAction = (results: readonly LiveResult[]) => {
  const seen = new Map<string, LiveResult>();
  for (const result of results) seen.set(`${result.signal.id}/${result.action}`, result);
  return [...seen.values()];
};

describe("a restart after a kill between a tick's fills and its release", () => {
  it("releases the waiting events before its first tick: the account and the trades are the uninterrupted run's", async () => {
    const referencePersist = createMemoryPersist();
    const reference = await liveRun({
      strategyName,
      broker: slippingBroker(createPaperBroker({ cash: 1e7 }), SLIP),
      persist: referencePersist,
    });
    expect(reference.fatal).toBeUndefined();
    const expected = (await referencePersist.read(key)) as unknown as LiveState;

    for (const n of [1, 2, 3]) {
      const persist = createMemoryPersist();
      const venue = slippingBroker(createPaperBroker({ cash: 1e7 }), SLIP);
      const { adapter, died } = dyingAt(persist, n);
      const killed = await liveRun({ strategyName, broker: venue, persist: adapter });
      expect(killed.fatal?.message, `kill ${n}`).toBe("SIGKILL");
      const stored = (await persist.read(key)) as unknown as LiveState;
      expect(waitingForRelease(stored), `kill ${n}`).toBe(true);
      const deliveredAt: number[] = [];
      const restarted = await liveRun({
        strategyName,
        broker: venue,
        persist,
        start: died()!,
        onResult: (_result, now) => deliveredAt.push(now),
      });
      expect(restarted.fatal, `kill ${n}`).toBeUndefined();
      // The restart delivers the waiting events first, before its first tick: at the killed tick's time, where
      // the replay resumes (a minute later, at the first tick, they were released after its fills were booked).
      const waiting = (stored.withheld ?? []).map((event) => `${event.signal.id}/${event.action}`);
      expect(
        restarted.results.slice(0, waiting.length).map((r) => `${r.signal.id}/${r.action}`),
        `kill ${n}`,
      ).toEqual(waiting);
      expect(deliveredAt.slice(0, waiting.length), `kill ${n}`).toEqual(waiting.map(() => died()));
      const final = (await persist.read(key)) as unknown as LiveState;
      expect(final.account, `kill ${n}: the account, bit for bit`).toEqual(expected.account);
      expect(byIdAndAction([...killed.results, ...restarted.results]), `kill ${n}`).toEqual(
        byIdAndAction(reference.results),
      );
    }
  }, 120_000);
});
