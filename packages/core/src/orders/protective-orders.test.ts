import { describe, expect, it } from "vitest";
import { createPaperBroker, type PaperBroker } from "../broker/paper-broker.js";
import { BrokerError } from "../errors/broker-error.js";
import { makeFill } from "../kernel/position/position-fill.js";
import type { Broker, BrokerOrder } from "../spec/broker.js";
import type { PositionFill } from "../spec/position.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf, type OrderLeg } from "./client-order-id.js";
import { OrderJournal } from "./order-journal.js";
import { type ProtectionPlan, protectionPlanOf } from "./protection-plan.js";
import { syncProtections } from "./protective-orders.js";
import { reconcileOrders } from "./reconcile-orders.js";
import { sendIntents } from "./send-intents.js";

// A long of 2 ETHUSDT at 100 (no costs), stop 95, target 110, on the paper broker (which holds positions and
// takes stop_market and take_profit_market) or on the same broker declared as spot (no positions).
const T = Date.UTC(2026, 3, 1, 10);
const ID = "5d0c7a3e-2b1f-4e8a-9c6d-0f1e2d3c4b5a";
const NO_COSTS = { percentFee: 0, percentSlippage: 0 };
const entry = makeFill("long", "entry", "open", T, 100, 2, NO_COSTS);
const id = (leg: OrderLeg) => clientOrderIdOf(ID, leg);

function row(levels: { sl?: number; tp?: number } = {}, exits: PositionFill[] = []): SignalRow {
  return {
    id: ID,
    symbol: "ETHUSDT",
    strategyName: "s",
    exchangeName: "x",
    frameName: "",
    position: "long",
    priceOpen: 100,
    priceTakeProfit: levels.tp ?? 110,
    priceStopLoss: levels.sl ?? 95,
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

/** The paper broker, with every venue call logged in order (`create <id>`, `cancel <id>`). */
function venue(kind: "derivatives" | "spot" = "derivatives"): {
  paper: PaperBroker;
  broker: Broker;
  calls: string[];
} {
  const paper = createPaperBroker({ cash: 10_000, percentFee: 0, now: () => T });
  const calls: string[] = [];
  const broker: Broker = {
    ...paper,
    capabilities: { ...paper.capabilities, positions: kind === "derivatives" },
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

/** One tick of the order flow, as LiveOrderFlow.send runs it. */
async function tick(
  broker: Broker,
  journal: OrderJournal,
  open: SignalRow | null,
  closed: SignalRow | null = null,
  save: () => Promise<void> = async () => {},
) {
  const plan: ProtectionPlan = protectionPlanOf(broker.capabilities);
  if (closed !== null) journal.plan(closed);
  if (open !== null) journal.plan(open);
  const before = await syncProtections(broker, journal, open, save, { plan, poll: true });
  const sent = await sendIntents(broker, journal, save);
  const after = await syncProtections(broker, journal, open, save, { plan, poll: false });
  return { before, sent, after };
}

const open = (orders: BrokerOrder[]) => orders.map((order) => [order.clientOrderId, order.triggerPrice]);

describe("which protections rest", () => {
  it("on a venue with positions both the stop and the target; on spot the stop only", async () => {
    const derivatives = venue("derivatives");
    await tick(derivatives.broker, new OrderJournal(), row());
    expect(open(await derivatives.paper.fetchOpenOrders())).toEqual([
      [id({ kind: "stop", n: 1 }), 95],
      [id({ kind: "take_profit", n: 1 }), 110],
    ]);
    const spot = venue("spot");
    await tick(spot.broker, new OrderJournal(), row());
    expect(open(await spot.paper.fetchOpenOrders())).toEqual([[id({ kind: "stop", n: 1 }), 95]]);
    expect(spot.calls).toEqual([`create ${id({ kind: "entry" })}`, `create ${id({ kind: "stop", n: 1 })}`]);
    // Placed after the entry filled, for the filled quantity, as a sell that only reduces.
    const [stop] = await spot.paper.fetchOpenOrders();
    expect(stop).toMatchObject({ side: "sell", type: "stop_market", quantity: 2 });
  });

  it("a venue without trigger orders gets none (the run closes with market orders)", async () => {
    const { paper, broker } = venue();
    const marketOnly = {
      ...broker,
      capabilities: { ...broker.capabilities, orderTypes: ["market", "limit"] as const },
    };
    await tick(marketOnly, new OrderJournal(), row());
    expect(await paper.fetchOpenOrders()).toEqual([]);
  });
});

describe("moving and closing", () => {
  it("a trailing move replaces the stop: cancel s1, then place s2; never two stops at once", async () => {
    const { paper, broker, calls } = venue("spot");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    await tick(broker, journal, row({ sl: 97 }));
    await tick(broker, journal, row({ sl: 97 })); // unchanged: nothing to do
    await tick(broker, journal, row({ sl: 99.5 }));
    expect(calls.slice(1)).toEqual([
      `create ${id({ kind: "stop", n: 1 })}`,
      `cancel ${id({ kind: "stop", n: 1 })}`,
      `create ${id({ kind: "stop", n: 2 })}`,
      `cancel ${id({ kind: "stop", n: 2 })}`,
      `create ${id({ kind: "stop", n: 3 })}`,
    ]);
    expect(open(await paper.fetchOpenOrders())).toEqual([[id({ kind: "stop", n: 3 }), 99.5]]);
  });

  it("closed by the kernel at the stop, the resting stop not filled: cancelled first, then the market close", async () => {
    const { paper, broker, calls } = venue("spot");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    const close = makeFill("long", "exit", "stop_loss", T + 60_000, 95, 2, NO_COSTS);
    const report = await tick(broker, journal, null, row({}, [close]));
    expect(calls.slice(-2)).toEqual([
      `cancel ${id({ kind: "stop", n: 1 })}`,
      `create ${id({ kind: "close" })}`,
    ]);
    expect(report.before).toMatchObject({ cancelled: 1, adopted: 0 });
    expect(journal.get(id({ kind: "close" }))).toMatchObject({ status: "filled" });
    expect(await paper.fetchOpenOrders()).toEqual([]);
    expect(await paper.fetchPositions!()).toEqual([]);
  });

  it("a cancel whose answer is lost holds the close: it is sent only once the stop is known cancelled", async () => {
    const { paper, broker, calls } = venue("spot");
    let lose = 1;
    const flaky: Broker = {
      ...broker,
      async cancelOrder(symbol, clientOrderId) {
        const order = await broker.cancelOrder(symbol, clientOrderId);
        if (lose-- > 0) throw new BrokerError("paper", "transient", "timeout", "request timed out");
        return order;
      },
    };
    const journal = new OrderJournal();
    await tick(flaky, journal, row());
    const close = makeFill("long", "exit", "stop_loss", T + 60_000, 95, 2, NO_COSTS);
    const first = await tick(flaky, journal, null, row({}, [close]));
    expect(first.before.unknown).toBe(1);
    expect(calls).not.toContain(`create ${id({ kind: "close" })}`);
    expect(journal.get(id({ kind: "close" }))!.status).toBe("pending");
    await tick(flaky, journal, null, row({}, [close]));
    // The lost cancel, its retry in the same tick's second pass, and the close only on the next tick.
    expect(calls.slice(2)).toEqual([
      `cancel ${id({ kind: "stop", n: 1 })}`,
      `cancel ${id({ kind: "stop", n: 1 })}`,
      `create ${id({ kind: "close" })}`,
    ]);
    expect(await paper.fetchPositions!()).toEqual([]);
  });

  it("a partial exit waits for the protections' cancel, then they come back for what is left", async () => {
    const { paper, broker, calls } = venue("derivatives");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    const partial = makeFill("long", "exit", "partial_profit", T + 60_000, 104, 0.5, NO_COSTS);
    await tick(broker, journal, row({}, [partial]));
    expect(calls.slice(3)).toEqual([
      `cancel ${id({ kind: "stop", n: 1 })}`,
      `cancel ${id({ kind: "take_profit", n: 1 })}`,
      `create ${id({ kind: "partial_exit", n: 1 })}`,
      `create ${id({ kind: "stop", n: 2 })}`,
      `create ${id({ kind: "take_profit", n: 2 })}`,
    ]);
    expect((await paper.fetchOpenOrders()).map((order) => order.quantity)).toEqual([1.5, 1.5]);
  });

  it("the resting stop filled at the venue: the kernel's close adopts that fill, no market order", async () => {
    const { paper, broker, calls } = venue("derivatives");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    // The venue triggers the stop at 94.8 (a gap through 95); the take-profit is then cancelled.
    expect(paper.touch("ETHUSDT", 94.8).map((fill) => fill.clientOrderId)).toEqual([
      id({ kind: "stop", n: 1 }),
    ]);
    const close = makeFill("long", "exit", "stop_loss", T + 60_000, 95, 2, NO_COSTS);
    const report = await tick(broker, journal, null, row({}, [close]));
    expect(report.before).toMatchObject({ filled: 1, adopted: 1, cancelled: 1 });
    expect(calls).not.toContain(`create ${id({ kind: "close" })}`);
    const adopted = journal.get(id({ kind: "close" }))!;
    expect(adopted).toMatchObject({ status: "filled", filledBy: id({ kind: "stop", n: 1 }), attempts: 0 });
    expect(adopted.fills.map((fill) => [fill.price, fill.quantity])).toEqual([[94.8, 2]]);
    expect(await paper.fetchOpenOrders()).toEqual([]);
    expect(await paper.fetchPositions!()).toEqual([]);
  });

  it("a stop filled before the kernel decided: nothing rests again, even when the stop moves; the close adopts it later", async () => {
    const { paper, broker, calls } = venue("spot");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    paper.touch("ETHUSDT", 95);
    const report = await tick(broker, journal, row({ sl: 97 }));
    expect(report.before.filled).toBe(1);
    await tick(broker, journal, row({ sl: 98 }));
    expect(calls).toEqual([`create ${id({ kind: "entry" })}`, `create ${id({ kind: "stop", n: 1 })}`]);
    const close = makeFill("long", "exit", "time_expired", T + 9 * 60_000, 101, 2, NO_COSTS);
    await tick(broker, journal, null, row({ sl: 98 }, [close]));
    expect(calls).toHaveLength(2);
    expect(journal.get(id({ kind: "close" }))).toMatchObject({
      status: "filled",
      filledBy: id({ kind: "stop", n: 1 }),
    });
  });

  it("a stop the venue refuses is not sent again as it is; the next move places the next one", async () => {
    const { paper, broker, calls } = venue("spot");
    let refuse = true;
    const refusing: Broker = {
      ...broker,
      async createOrder(request) {
        if (refuse && request.type === "stop_market") {
          calls.push(`refused ${request.clientOrderId}`);
          throw new BrokerError(
            "paper",
            "rejected",
            "invalid_price",
            "Stop price would trigger immediately.",
          );
        }
        return broker.createOrder(request);
      },
    };
    const journal = new OrderJournal();
    const first = await tick(refusing, journal, row());
    expect(first.after.rejected.map((intent) => intent.clientOrderId)).toEqual([id({ kind: "stop", n: 1 })]);
    await tick(refusing, journal, row());
    await tick(refusing, journal, row());
    refuse = false;
    await tick(refusing, journal, row({ sl: 96 }));
    expect(calls.slice(1)).toEqual([
      `refused ${id({ kind: "stop", n: 1 })}`,
      `create ${id({ kind: "stop", n: 2 })}`,
    ]);
    expect(open(await paper.fetchOpenOrders())).toEqual([[id({ kind: "stop", n: 2 }), 96]]);
  });
});

describe("crash-safe replacement", () => {
  it("killed at every write of a move (cancel s1 → place s2): each restart ends with exactly one stop, at the new level", async () => {
    // How many writes the move makes, counted on an uninterrupted run.
    const count = venue("spot");
    const counted = new OrderJournal();
    await tick(count.broker, counted, row());
    let writes = 0;
    await tick(count.broker, counted, row({ sl: 97 }), null, async () => {
      writes++;
    });
    expect(writes).toBeGreaterThanOrEqual(3);

    for (let killAt = 1; killAt <= writes; killAt++) {
      const { paper, broker } = venue("spot");
      const journal = new OrderJournal();
      await tick(broker, journal, row());
      let stored = JSON.stringify(journal.snapshot());
      let n = 0;
      // The write that throws is the one the process died in: the state stays the last one written.
      const dying = async () => {
        if (++n === killAt) throw new Error("SIGKILL");
        stored = JSON.stringify(journal.snapshot());
      };
      await expect(tick(broker, journal, row({ sl: 97 }), null, dying)).rejects.toThrow("SIGKILL");
      expect(
        (await paper.fetchOpenOrders()).length,
        `kill at write ${killAt}: open orders`,
      ).toBeLessThanOrEqual(1);

      const restarted = new OrderJournal();
      restarted.restore(JSON.parse(stored));
      const reconciled = await reconcileOrders(broker, restarted, ["ETHUSDT"], async () => {}, "cw");
      expect(reconciled.orphansCancelled, `kill at write ${killAt}: orphans`).toEqual([]);
      await tick(broker, restarted, row({ sl: 97 }));
      expect(open(await paper.fetchOpenOrders()), `kill at write ${killAt}`).toEqual([
        [id({ kind: "stop", n: 2 }), 97],
      ]);
      expect(restarted.get(id({ kind: "stop", n: 1 }))!.status).toBe("cancelled");
    }
  });

  it("reconciliation counts a resting protection of ours as accounted for, not an orphan", async () => {
    const { paper, broker } = venue("derivatives");
    const journal = new OrderJournal();
    await tick(broker, journal, row());
    const report = await reconcileOrders(broker, journal, ["ETHUSDT"], async () => {}, "cw");
    expect(report.orphansCancelled).toEqual([]);
    expect(report.positionMismatches).toEqual([]);
    expect(await paper.fetchOpenOrders()).toHaveLength(2);
  });
});
