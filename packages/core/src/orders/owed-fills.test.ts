import { describe, expect, it } from "vitest";
import { createPaperBroker } from "../broker/paper-broker.js";
import { BrokerError } from "../errors/broker-error.js";
import { makeFill } from "../kernel/position/position-fill.js";
import type { Broker } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf } from "./client-order-id.js";
import { OrderJournal } from "./order-journal.js";
import { reconcileOrders } from "./reconcile-orders.js";
import { sendIntents } from "./send-intents.js";
import { rowFeedback } from "./venue-fills.js";

// A short on BTCUSDT: an entry of 0.00141 at 70,000, then a take-profit rung the kernel sized 0.00042471. The
// venue fills the rung at its lot step, 0.00042 (the order crash test's case: a rung's fill model quantity
// against the venue's truncated one).
const COSTS = { percentFee: 0.1, percentSlippage: 0 };
const T = Date.UTC(2026, 2, 24, 1);
const ID = "5d0e8a51-9a64-4a8b-8f1e-2c3b4a5d6e7f";
const entry = makeFill("short", "entry", "open", T, 70_000, 0.00141, COSTS);
const rung = makeFill("short", "exit", "take_profit_ladder", T + 3 * 60_000, 69_900, 0.00042471, COSTS);
const ROW: SignalRow = {
  id: ID,
  symbol: "BTCUSDT",
  strategyName: "s",
  exchangeName: "x",
  frameName: "",
  position: "short",
  priceOpen: 70_000,
  priceTakeProfit: 69_000,
  priceStopLoss: 71_000,
  originalPriceTakeProfit: 69_000,
  originalPriceStopLoss: 71_000,
  quantity: entry.quantity - rung.quantity,
  entries: [entry],
  exits: [rung],
  levelChanges: [],
  minuteEstimatedTime: 600,
  scheduledAt: T,
  pendingAt: T,
};
const rungId = clientOrderIdOf(ID, { kind: "partial_exit", n: 1 });

/** A venue that fills every order at the lot step 0.00001, truncated, as Binance's amountToPrecision sends it. */
function lotVenue(): Broker {
  const paper = createPaperBroker({ cash: 1e6, percentFee: 0.1 });
  return {
    ...paper,
    createOrder: (request) =>
      paper.createOrder({ ...request, quantity: Math.floor(request.quantity * 1e5 + 1e-9) / 1e5 }),
  };
}

/**
 * The run's answer to the rung's order was written (`filled`), and the process died before it fetched the fills
 * (or the fetch failed): the state holds a filled intent with no executions. Both cases left the row on the fill
 * model's 0.00042471 for good, and the close bought 0.00056529 → 0.00056 at the venue instead of 0.00057.
 */
async function filledWithoutFills(): Promise<{ venue: Broker; journal: OrderJournal }> {
  const venue = lotVenue();
  const journal = new OrderJournal();
  journal.plan(ROW);
  let died = false;
  let last = "";
  const dying: Broker = {
    ...venue,
    async createOrder(request) {
      last = request.clientOrderId;
      return venue.createOrder(request);
    },
    async fetchFills(symbol, since) {
      if (last !== rungId) return venue.fetchFills(symbol, since);
      died = true;
      throw new Error("killed before the fills were fetched");
    },
  };
  await sendIntents(dying, journal, async () => {}).catch(() => {});
  expect(died).toBe(true);
  // What the state holds after the kill: a restored copy.
  const restored = new OrderJournal();
  restored.restore(journal.snapshot());
  expect(restored.get(rungId)).toMatchObject({ status: "filled", fills: [] });
  return { venue, journal: restored };
}

describe("an order known filled whose fills were never recorded", () => {
  it("the restart's reconciliation collects its fills, and the row takes the venue's quantity", async () => {
    const { venue, journal } = await filledWithoutFills();
    await reconcileOrders(venue, journal, ["BTCUSDT"], async () => {});
    const intent = journal.get(rungId)!;
    expect(intent.fills.map((fill) => fill.quantity)).toEqual([0.00042]);
    const feedback = rowFeedback(ROW, (id) => journal.get(id), "cw");
    expect(feedback.exits.map((fill) => fill.quantity)).toEqual([0.00042]);
  });

  it("the next pass collects them when the fetch after the answer failed without a crash", async () => {
    const venue = lotVenue();
    const journal = new OrderJournal();
    journal.plan(ROW);
    let last = "";
    let failures = 1;
    const flaky: Broker = {
      ...venue,
      async createOrder(request) {
        last = request.clientOrderId;
        return venue.createOrder(request);
      },
      async fetchFills(symbol, since) {
        if (last === rungId && failures-- > 0) {
          throw new BrokerError("flaky", "transient", "rate_limited", "429 Too Many Requests");
        }
        return venue.fetchFills(symbol, since);
      },
    };
    await sendIntents(flaky, journal, async () => {});
    expect(journal.get(rungId)).toMatchObject({ status: "filled", fills: [] });
    await sendIntents(flaky, journal, async () => {});
    expect(journal.get(rungId)!.fills.map((fill) => fill.quantity)).toEqual([0.00042]);
  });

  it("until they are in, the row's fill is not taken from a part of them", async () => {
    const { journal } = await filledWithoutFills();
    const feedback = rowFeedback(ROW, (id) => journal.get(id), "cw");
    // The model's fill stands (nothing to amend from yet); the order flow holds the event back meanwhile.
    expect(feedback.exits).toEqual([rung]);
  });
});
