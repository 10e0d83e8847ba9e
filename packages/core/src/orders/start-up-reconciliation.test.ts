import { describe, expect, it } from "vitest";
import { createPaperBroker, type PaperBroker } from "../broker/paper-broker.js";
import { makeFill } from "../kernel/position/position-fill.js";
import type { Broker } from "../spec/broker.js";
import type { PositionFill } from "../spec/position.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf, type OrderLeg } from "./client-order-id.js";
import type { OrderIntent } from "./order-intent.js";
import { OrderJournal } from "./order-journal.js";
import { protectionPlanOf } from "./protection-plan.js";
import { syncProtections } from "./protective-orders.js";
import { reconcileOrders } from "./reconcile-orders.js";
import { sendIntents } from "./send-intents.js";
import { reconcileAtStart } from "./start-up-reconciliation.js";

// A spot long of 2 ETHUSDT at 100 (no costs), its stop s1 resting at 95 for 2. One minute later the kernel takes
// the first take-profit rung, 0.5 at 104; the process writes that exit (pending) and dies before it cancels s1.
// The restarted process's start-up pass must cancel s1, send the rung and rest the stop for what is left, as the
// uninterrupted tick would have: s2 at 95 for 2 - 0.5 = 1.5.
const T = Date.UTC(2026, 3, 1, 10);
const ID = "8c1f2e3d-4b5a-4c6d-9e7f-0a1b2c3d4e5f";
const NO_COSTS = { percentFee: 0, percentSlippage: 0 };
const entry = makeFill("long", "entry", "open", T, 100, 2, NO_COSTS);
const rung = makeFill("long", "exit", "take_profit_ladder", T + 60_000, 104, 0.5, NO_COSTS);
const id = (leg: OrderLeg) => clientOrderIdOf(ID, leg);
const S1 = id({ kind: "stop", n: 1 });
const S2 = id({ kind: "stop", n: 2 });
const X1 = id({ kind: "partial_exit", n: 1 });

function row(exits: PositionFill[] = []): SignalRow {
  return {
    id: ID,
    symbol: "ETHUSDT",
    strategyName: "s",
    exchangeName: "x",
    frameName: "",
    position: "long",
    priceOpen: 100,
    priceTakeProfit: 110,
    priceStopLoss: 95,
    originalPriceTakeProfit: 110,
    originalPriceStopLoss: 95,
    quantity: 2 - exits.reduce((sum, fill) => sum + fill.quantity, 0),
    entries: [entry],
    exits,
    levelChanges: [],
    minuteEstimatedTime: 600,
    scheduledAt: T,
    pendingAt: T,
  };
}

/** A spot venue (the paper broker without positions) logging every order call (`create`, `cancel`). */
function spotVenue(): { paper: PaperBroker; broker: Broker; calls: string[] } {
  const paper = createPaperBroker({ cash: 10_000, percentFee: 0, now: () => T });
  const calls: string[] = [];
  const broker: Broker = {
    ...paper,
    capabilities: { ...paper.capabilities, positions: false },
    async createOrder(request) {
      calls.push(`create ${request.clientOrderId}`);
      return paper.createOrder(request);
    },
    async cancelOrder(symbol, clientOrderId) {
      calls.push(`cancel ${clientOrderId}`);
      return paper.cancelOrder(symbol, clientOrderId);
    },
  };
  return { paper, broker, calls };
}

/**
 * The state the killed process left: the entry filled and s1 resting (a whole tick), then the rung planned and
 * written; nothing of that tick reached the venue.
 */
async function killedAfterPlanningTheRung(broker: Broker): Promise<OrderIntent[]> {
  const plan = protectionPlanOf(broker.capabilities);
  const journal = new OrderJournal();
  journal.plan(row());
  const save = async () => {};
  await syncProtections(broker, journal, row(), save, { plan, poll: true });
  await sendIntents(broker, journal, save);
  await syncProtections(broker, journal, row(), save, { plan, poll: false });
  journal.plan(row([rung]));
  return journal.snapshot();
}

function restored(state: OrderIntent[]): OrderJournal {
  const journal = new OrderJournal();
  journal.restore(state);
  return journal;
}

const options = (broker: Broker) => ({
  symbol: "ETHUSDT",
  prefix: "cw",
  plan: protectionPlanOf(broker.capabilities),
});

describe("the start-up pass after a kill with an exit held behind the stop", () => {
  it("cancels the stop, sends the exit and rests the stop for what is left, in the one pass", async () => {
    const { paper, broker, calls } = spotVenue();
    const state = await killedAfterPlanningTheRung(broker);
    expect(calls).toEqual([`create ${id({ kind: "entry" })}`, `create ${S1}`]);
    const journal = restored(state);
    expect(journal.get(X1)).toMatchObject({ status: "pending", attempts: 0 });

    const report = await reconcileAtStart(broker, journal, row([rung]), async () => {}, options(broker));
    expect(calls.slice(2)).toEqual([`cancel ${S1}`, `create ${X1}`, `create ${S2}`]);
    expect(report.protections.cancelled).toBe(1);
    expect(report.reconciliation.intents.sent).toBe(1);
    expect(report.after.placed).toBe(1);
    expect(report.reconciliation.orphansCancelled).toEqual([]);
    // The rung at the fill model's price (the paper broker honours it), 0.5; the stop for 1.5 at 95.
    const x1 = journal.get(X1)!;
    expect(x1.status).toBe("filled");
    expect(x1.fills.map((fill) => [fill.side, fill.price, fill.quantity])).toEqual([["sell", 104, 0.5]]);
    const resting = await paper.fetchOpenOrders();
    expect(resting.map((order) => [order.clientOrderId, order.triggerPrice, order.quantity])).toEqual([
      [S2, 95, 1.5],
    ]);
    expect(journal.get(S1)!.status).toBe("cancelled");
  });

  it("the cancel was in flight (the venue cancelled s1, the answer was lost): s1 is looked up, not cancelled again", async () => {
    const { paper, broker, calls } = spotVenue();
    const journal = restored(await killedAfterPlanningTheRung(broker));
    await paper.cancelOrder("ETHUSDT", S1);
    await reconcileAtStart(broker, journal, row([rung]), async () => {}, options(broker));
    expect(calls.slice(2)).toEqual([`create ${X1}`, `create ${S2}`]);
    expect(journal.get(X1)!.status).toBe("filled");
  });

  it("the old start-up pass (reconcileOrders, then the protections) leaves the rung to the next tick", async () => {
    const { broker, calls } = spotVenue();
    const journal = restored(await killedAfterPlanningTheRung(broker));
    const save = async () => {};
    await reconcileOrders(broker, journal, ["ETHUSDT"], save, "cw");
    await syncProtections(broker, journal, row([rung]), save, {
      plan: protectionPlanOf(broker.capabilities),
      poll: true,
    });
    expect(calls.slice(2)).toEqual([`cancel ${S1}`]);
    expect(journal.get(X1)!.status).toBe("pending");
  });

  it("s1 filled at the venue while the process was down: the rung is cancelled (nothing left to sell), no order", async () => {
    const { paper, broker, calls } = spotVenue();
    const journal = restored(await killedAfterPlanningTheRung(broker));
    expect(paper.touch("ETHUSDT", 95).map((fill) => fill.clientOrderId)).toEqual([S1]);
    const report = await reconcileAtStart(broker, journal, row([rung]), async () => {}, options(broker));
    expect(report.protections).toMatchObject({ filled: 1, adopted: 1 });
    expect(calls).toHaveLength(2);
    expect(journal.get(X1)).toMatchObject({ status: "cancelled", filledBy: S1 });
    expect(await paper.fetchOpenOrders()).toEqual([]);
  });

  it("a close held behind the stop and the next signal's entry: the venue gets them in a tick's order", async () => {
    // The kernel closed the long by expiry at T+1 at 101 and opened the next one (1 at 101, stop 96) in the same
    // tick; the process died before cancelling s1. A tick sends: cancel s1, the close, the entry, the new stop.
    const { paper, broker, calls } = spotVenue();
    const state = await killedAfterPlanningTheRung(broker);
    const journal = restored(state.filter((intent) => intent.clientOrderId !== X1));
    const expiry = makeFill("long", "exit", "time_expired", T + 60_000, 101, 2, NO_COSTS);
    journal.plan(row([expiry]));
    const NEXT = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    const next: SignalRow = {
      ...row(),
      id: NEXT,
      priceOpen: 101,
      priceStopLoss: 96,
      quantity: 1,
      entries: [makeFill("long", "entry", "open", T + 60_000, 101, 1, NO_COSTS)],
    };
    journal.plan(next);
    await reconcileAtStart(broker, journal, next, async () => {}, options(broker));
    expect(calls.slice(2)).toEqual([
      `cancel ${S1}`,
      `create ${id({ kind: "close" })}`,
      `create ${clientOrderIdOf(NEXT, { kind: "entry" })}`,
      `create ${clientOrderIdOf(NEXT, { kind: "stop", n: 1 })}`,
    ]);
    const resting = await paper.fetchOpenOrders();
    expect(resting.map((order) => [order.triggerPrice, order.quantity])).toEqual([[96, 1]]);
  });

  it("killed between the rung's answer and its fills: no stop for the old quantity, one placement for what is left", async () => {
    // The killed tick had cancelled s1 and sent the rung; the venue filled it, the answer was recorded (filled,
    // 0.5), its fills were not. A stop placed before those fills are collected would be for 2 and replaced at once.
    const { paper, broker, calls } = spotVenue();
    const journal = restored(await killedAfterPlanningTheRung(broker));
    await broker.cancelOrder("ETHUSDT", S1);
    journal.get(S1)!.status = "cancelled";
    const x1 = journal.get(X1)!;
    const answer = await broker.createOrder(x1.request);
    Object.assign(x1, {
      status: "filled",
      attempts: 1,
      venueOrderId: answer.venueOrderId,
      filledQuantity: 0.5,
    });
    await reconcileAtStart(
      broker,
      restored(journal.snapshot()),
      row([rung]),
      async () => {},
      options(broker),
    );
    expect(calls.slice(4)).toEqual([`create ${S2}`]);
    const resting = await paper.fetchOpenOrders();
    expect(resting.map((order) => [order.clientOrderId, order.quantity])).toEqual([[S2, 1.5]]);
  });

  it("no protections on the venue: the reconciliation sends the legs in order, nothing rests", async () => {
    const { broker, calls } = spotVenue();
    const marketOnly: Broker = {
      ...broker,
      capabilities: { ...broker.capabilities, orderTypes: ["market", "limit"] },
    };
    const journal = new OrderJournal();
    journal.plan(row([rung]));
    const report = await reconcileAtStart(
      marketOnly,
      journal,
      row([rung]),
      async () => {},
      options(marketOnly),
    );
    expect([report.protections.placed, report.after.placed]).toEqual([0, 0]);
    // The entry, then the rung: both sent by reconcileOrders' own pass.
    expect(calls).toEqual([`create ${id({ kind: "entry" })}`, `create ${X1}`]);
  });
});
