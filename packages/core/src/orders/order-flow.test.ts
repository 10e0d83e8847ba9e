import { describe, expect, it } from "vitest";
import { createPaperBroker } from "../broker/paper-broker.js";
import { makeFill } from "../kernel/position/position-fill.js";
import type { PositionFill } from "../spec/position.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf } from "./client-order-id.js";
import { faultyBroker } from "./faulty-broker.test-helpers.js";
import { OrderJournal } from "./order-journal.js";
import { sendIntents } from "./send-intents.js";

// A long on ETHUSDT with fee and slippage of 0.1%: an entry of 2 at 100, a DCA add of 1 at 98, a partial exit of
// 1.5 at 103, the close of the remaining 1.5 at 104.
const COSTS = { percentFee: 0.1, percentSlippage: 0.1 };
const T = Date.UTC(2026, 3, 1, 10);
const ID = "0b8c9e52-4f3e-4a43-9a3e-6f0c2d1a7b55";

function row(entries: PositionFill[], exits: PositionFill[] = []): SignalRow {
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
    quantity:
      entries.reduce((sum, fill) => sum + fill.quantity, 0) -
      exits.reduce((sum, fill) => sum + fill.quantity, 0),
    entries,
    exits,
    levelChanges: [],
    minuteEstimatedTime: 600,
    scheduledAt: T,
    pendingAt: T,
  };
}

const entry = makeFill("long", "entry", "open", T, 100, 2, COSTS);
const add = makeFill("long", "entry", "average_buy", T + 5 * 60_000, 98, 1, COSTS);
const partial = makeFill("long", "exit", "partial_profit", T + 9 * 60_000, 103, 1.5, COSTS);
const close = makeFill("long", "exit", "take_profit", T + 20 * 60_000, 104, 1.5, COSTS);
const FULL = row([entry, add], [partial, close]);
const id = (leg: Parameters<typeof clientOrderIdOf>[1]) => clientOrderIdOf(ID, leg);

describe("order intents of a position", () => {
  it("makes one market order per fill, in time order, with stable ids per leg and the fill model's price", () => {
    const journal = new OrderJournal();
    expect(journal.plan(FULL)).toBe(4);
    const intents = journal.all();
    expect(
      intents.map((intent) => [intent.clientOrderId, intent.request.side, intent.request.quantity]),
    ).toEqual([
      [id({ kind: "entry" }), "buy", 2],
      [id({ kind: "add", n: 1 }), "buy", 1],
      [id({ kind: "partial_exit", n: 1 }), "sell", 1.5],
      [id({ kind: "close" }), "sell", 1.5],
    ]);
    // Slippage against the trader: 100 × 1.001 for the entry, 104 × 0.999 for the close.
    expect(intents[0]!.request.expectedPrice).toBeCloseTo(100.1, 12);
    expect(intents[3]!.request.expectedPrice).toBeCloseTo(103.896, 12);
    expect(intents[3]!.request.reduceOnly).toBe(true);
    // Planning the same row again adds nothing: the ids are the same.
    expect(journal.plan(FULL)).toBe(0);
  });

  it("on the paper broker, fills every leg at the fill model's price and fee: the row stays what the kernel computed", async () => {
    const broker = createPaperBroker({ cash: 10_000, percentFee: COSTS.percentFee });
    const journal = new OrderJournal();
    journal.plan(FULL);
    const report = await sendIntents(broker, journal, async () => {});
    expect(report).toMatchObject({ sent: 4, rejected: [], unknown: 0 });
    for (const [intent, fill] of journal
      .all()
      .map((intent, i) => [intent, [entry, add, partial, close][i]!] as const)) {
      expect(intent.status).toBe("filled");
      expect(intent.fills).toHaveLength(1);
      expect(intent.fills[0]!.price).toBe(fill.fillPrice);
      expect(intent.fills[0]!.fee).toBeCloseTo(fill.fee, 12);
    }
    expect(await broker.fetchPositions!()).toEqual([]);
  });
});

describe("sending intents through failures", () => {
  it("a lost answer is resolved by the client order id: the order is adopted, never placed twice", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 10_000 }));
    const journal = new OrderJournal();
    journal.plan(row([entry]));
    broker.faults.loseAnswers = 1;
    const first = await sendIntents(broker, journal, async () => {});
    expect(first.unknown).toBe(1);
    expect(journal.all()[0]!.status).toBe("sent");
    const second = await sendIntents(broker, journal, async () => {});
    expect(second.adopted).toBe(1);
    expect(journal.all()[0]!.status).toBe("filled");
    expect(broker.placed).toEqual([id({ kind: "entry" })]);
  });

  it("a request that never reached the venue is looked up, found missing, and sent once more", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 10_000 }));
    const journal = new OrderJournal();
    journal.plan(row([entry]));
    broker.faults.dropRequests = 1;
    await sendIntents(broker, journal, async () => {});
    expect(broker.placed).toEqual([]);
    await sendIntents(broker, journal, async () => {});
    expect(broker.placed).toEqual([id({ kind: "entry" })]);
    expect(journal.all()[0]).toMatchObject({ status: "filled", attempts: 2 });
  });

  it("a crash after the intent was saved as sent, before the request left: the restart finds nothing and sends once", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 10_000 }));
    const saved: string[] = [];
    const journal = new OrderJournal();
    journal.plan(row([entry]));
    // The first save is the write-ahead of the send; the process dies right after it.
    await expect(
      sendIntents(broker, journal, async () => {
        saved.push(JSON.stringify(journal.snapshot()));
        throw new Error("SIGKILL");
      }),
    ).rejects.toThrow("SIGKILL");
    expect(broker.placed).toEqual([]);
    const restarted = new OrderJournal();
    restarted.restore(JSON.parse(saved[0]!));
    expect(restarted.all()[0]!.status).toBe("sent");
    await sendIntents(broker, restarted, async () => {});
    expect(broker.placed).toEqual([id({ kind: "entry" })]);
    expect(restarted.all()[0]!.status).toBe("filled");
  });

  it("a 429 storm delays the orders and duplicates none", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 10_000 }));
    const journal = new OrderJournal();
    journal.plan(FULL);
    broker.faults.rateLimited = 7;
    let passes = 0;
    while (journal.unsettled().length > 0 && passes < 20) {
      await sendIntents(broker, journal, async () => {});
      passes++;
    }
    expect(passes).toBeGreaterThan(1);
    expect(broker.placed).toEqual(journal.all().map((intent) => intent.clientOrderId));
    expect(journal.all().every((intent) => intent.status === "filled")).toBe(true);
  });

  it("a rejection (insufficient balance) is final: kept with the venue's reason, never retried", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 50 }));
    const journal = new OrderJournal();
    journal.plan(row([entry]));
    const report = await sendIntents(broker, journal, async () => {});
    expect(report.rejected.map((intent) => intent.rejection?.reason)).toEqual(["insufficient_balance"]);
    await sendIntents(broker, journal, async () => {});
    await sendIntents(broker, journal, async () => {});
    expect(broker.placed).toEqual([id({ kind: "entry" })]);
    expect(journal.all()[0]!.status).toBe("rejected");
  });
});
