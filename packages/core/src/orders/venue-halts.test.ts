import {
  type Broker,
  type CancelledResult,
  CandlewickError,
  createMemoryPersist,
  createPaperBroker,
  type LiveState,
  liveStateKey,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { refusingBroker } from "./venue-brokers.test-helpers.js";
import { closedOf, liveRun, MINUTE } from "./venue-runs.test-helpers.js";

// A refused close, the kill switch, and a halt that outlives the process, on the replay of real candles.
const strategyName = "bracket-1m";
const codeOf = (error: Error | undefined) =>
  CandlewickError.isInstance(error) ? error.code : error?.message;

describe("live with a broker: refused closes and halts", () => {
  it("a refused close is not a close: sent again on the next ticks, delivered once it fills, no new position meanwhile", async () => {
    const reference = await liveRun({ strategyName });
    const [first] = closedOf(reference.results);
    let closeId: string | undefined;
    // The first close is refused three times; its fourth send (the last one allowed) goes through.
    const venue = refusingBroker(createPaperBroker({ cash: 1e7 }), (request, n) => {
      if (!request.clientOrderId.endsWith("-c")) return false;
      closeId ??= request.clientOrderId;
      return request.clientOrderId === closeId && n < 3;
    });
    const traded = await liveRun({ strategyName, broker: venue });
    expect(traded.fatal).toBeUndefined();
    expect(venue.sent.filter((id) => id === closeId)).toHaveLength(4);
    const closed = closedOf(traded.results);
    // Delivered once, as the model decided it (the paper venue fills at the model's price).
    expect(closed.filter((trade) => trade.signal.id === first!.signal.id)).toEqual([first]);
    const t = first!.closeTimestamp;
    const after = traded.results.slice(traded.results.indexOf(closed[0]!) + 1);
    // The kernel had opened the next signal in the tick of the close: its entry was stopped and the signal
    // cancelled; then no signal for as long as the close was refused (ticks t+1, t+2, and t+3 when it went out).
    const stopped = traded.results.find((result) => result.action === "cancelled") as CancelledResult;
    expect(stopped.signal.scheduledAt).toBe(t);
    expect(stopped.cancelReason).toBe("entry_rejected");
    expect(stopped.rejection?.reason).toBe("close_refused");
    const next = after.find((result) => result.action === "opened")!;
    expect(next.signal.scheduledAt).toBe(t + 4 * MINUTE);
    expect(traded.errors.filter((error) => /was not placed/.test(error.message))).toHaveLength(4);
  }, 60_000);

  it("a close refused every time stops the run with CLOSE_REJECTED; the position is still held at the venue", async () => {
    const persist = createMemoryPersist();
    const paper = createPaperBroker({ cash: 1e7 });
    let closeId: string | undefined;
    const venue = refusingBroker(paper, (request) => {
      if (!request.clientOrderId.endsWith("-c")) return false;
      closeId ??= request.clientOrderId;
      return request.clientOrderId === closeId;
    });
    const traded = await liveRun({ strategyName, broker: venue, persist });
    expect(codeOf(traded.fatal)).toBe("CLOSE_REJECTED");
    expect(traded.fatal!.message).toContain("refused the close");
    expect(traded.fatal!.message).toContain("4 times");
    expect(venue.sent.filter((id) => id === closeId)).toHaveLength(4);
    expect(closedOf(traded.results)).toEqual([]);
    const [held] = await paper.fetchPositions!();
    expect(held).toMatchObject({ side: "long", quantity: 0.01 });
    // The close waits in the state, for the operator (runbook CLOSE_REJECTED), not delivered as if it happened.
    const state = (await persist.read(
      liveStateKey({ strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    // (The next signal's cancel, stopped as close_refused, waits behind it: events go out in order.)
    expect(state.withheld?.[0]?.action).toBe("closed");
  }, 60_000);

  it("the kill switch cancels our resting orders, flattens, stops the run and keeps it halted across restarts", async () => {
    const strategyName = "bracket-dca";
    const key = { namespace: "halts", strategyName, symbol: "BTCUSDT" };
    const persist = createMemoryPersist();
    const paper = createPaperBroker({ cash: 1e7 });
    // With every entry, a resting order of ours (as a protective stop would be) and one of an operator's.
    const venue: Broker = {
      ...paper,
      async createOrder(request) {
        const order = await paper.createOrder(request);
        if (request.clientOrderId.endsWith("-e")) {
          const resting = {
            symbol: "BTCUSDT",
            side: "sell",
            type: "limit",
            quantity: 0.01,
            price: 1e6,
          } as const;
          await paper.createOrder({ ...resting, clientOrderId: `${request.clientOrderId.slice(0, -2)}-t1` });
          await paper.createOrder({ ...resting, clientOrderId: "manual-1" });
        }
        return order;
      },
    };
    // The entry's fee (0.1 % of about 682 USDT) is a realised loss of about 0.68 today; the DCA add's 0.30 more
    // takes it past 0.9: the switch trips in the add's tick, the add is refused, the position is closed at market.
    const rails = { maxDailyLoss: 0.9, flattenOnKill: true };
    const first = await liveRun({ strategyName, broker: venue, persist, rails });
    expect(codeOf(first.fatal)).toBe("TRADING_HALTED");
    expect(first.results.map((result) => result.action)).toEqual(["opened", "closed"]);
    const [opened, result] = first.results;
    const closed = closedOf([result!])[0]!;
    expect(closed.closeReason).toBe("closed");
    expect(closed.closeTimestamp).toBe(opened!.signal.pendingAt + 15 * MINUTE);
    const [e0, add] = closed.signal.entries;
    expect(add!.quantity).toBe(0);
    expect(closed.signal.exits[0]!.quantity).toBe(e0!.quantity);
    const open = await paper.fetchOpenOrders();
    expect(open.map((order) => order.clientOrderId)).toEqual(["manual-1"]);
    expect(await paper.fetchPositions!()).toEqual([]);
    const flag = (await persist.read(key)) as { by: string; flatten: boolean; reason: string };
    expect(flag).toMatchObject({ by: "kill_switch", flatten: true });
    expect(flag.reason).toMatch(/realised loss 0\.98 reached maxDailyLoss 0\.9/);
    expect(first.errors.map((error) => codeOf(error))).toContain("TRADING_HALTED");

    // A restart stays halted: no order, no event, the same error.
    const sent: string[] = [];
    const counting: Broker = {
      ...paper,
      createOrder: (r) => {
        sent.push(r.clientOrderId);
        return paper.createOrder(r);
      },
    };
    const restart = await liveRun({
      strategyName,
      broker: counting,
      persist,
      rails,
      start: closed.timestamp,
    });
    expect(codeOf(restart.fatal)).toBe("TRADING_HALTED");
    expect(restart.results).toEqual([]);
    expect(sent).toEqual([]);

    // Cleared by the operator: the same day's loss trips it again at once; with a higher limit it trades.
    await persist.delete(key);
    const again = await liveRun({ strategyName, broker: counting, persist, rails, start: closed.timestamp });
    expect(codeOf(again.fatal)).toBe("TRADING_HALTED");
    await persist.delete(key);
    const cleared = await liveRun({
      strategyName,
      broker: counting,
      persist,
      rails: { maxDailyLoss: 1000 },
      start: closed.timestamp,
    });
    expect(cleared.fatal).toBeUndefined();
    expect(cleared.results.filter((result) => result.action === "opened").length).toBeGreaterThan(0);
  }, 60_000);
});
