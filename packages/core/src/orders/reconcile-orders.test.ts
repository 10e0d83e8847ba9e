import { describe, expect, it } from "vitest";
import { createPaperBroker } from "../broker/paper-broker.js";
import { clientOrderIdOf } from "./client-order-id.js";
import { faultyBroker } from "./faulty-broker.test-helpers.js";
import { OrderJournal } from "./order-journal.js";
import { assertReconciled, reconcileOrders } from "./reconcile-orders.js";

const SYMBOLS = ["ETHUSDT"];
const noSave = async () => {};
const market = (clientOrderId: string, side: "buy" | "sell", quantity: number) =>
  ({ clientOrderId, symbol: "ETHUSDT", side, type: "market", quantity, expectedPrice: 100 }) as const;

describe("reconcileOrders", () => {
  it("cancels an orphan of ours, leaves an operator's order alone, and finds nothing else to say", async () => {
    const broker = createPaperBroker({ cash: 10_000 });
    const orphan = clientOrderIdOf("dead-run-signal", { kind: "stop", n: 1 });
    await broker.createOrder({
      clientOrderId: orphan,
      symbol: "ETHUSDT",
      side: "buy",
      type: "limit",
      quantity: 1,
      price: 50,
    });
    await broker.createOrder({
      clientOrderId: "manual-hedge-1",
      symbol: "ETHUSDT",
      side: "buy",
      type: "limit",
      quantity: 1,
      price: 40,
    });
    const report = await reconcileOrders(broker, new OrderJournal(), SYMBOLS, noSave);
    expect(report.orphansCancelled.map((order) => [order.clientOrderId, order.status])).toEqual([
      [orphan, "cancelled"],
    ]);
    expect(report.foreignOrders.map((order) => order.clientOrderId)).toEqual(["manual-hedge-1"]);
    expect(report.positionMismatches).toEqual([]);
    expect(() => assertReconciled("paper", report)).not.toThrow();
  });

  it("adopts an order placed just before a crash (its answer never recorded) instead of placing it again", async () => {
    const broker = faultyBroker(createPaperBroker({ cash: 10_000 }));
    const id = clientOrderIdOf("signal-1", { kind: "entry" });
    const journal = new OrderJournal();
    // What the dead process had persisted: the intent, marked sent.
    journal.restore([
      {
        clientOrderId: id,
        signalId: "signal-1",
        leg: { kind: "entry" },
        request: market(id, "buy", 2),
        status: "sent",
        fills: [],
        attempts: 1,
      },
    ]);
    // What it had done before dying: the venue has the order.
    await broker.createOrder(market(id, "buy", 2));
    const report = await reconcileOrders(broker, journal, SYMBOLS, noSave);
    expect(report.intents.adopted).toBe(1);
    expect(broker.placed).toEqual([id]);
    expect(journal.get(id)).toMatchObject({ status: "filled" });
    expect(report.positionMismatches).toEqual([]);
  });

  it("stops on a position the journals cannot explain, saying which and by how much", async () => {
    const broker = createPaperBroker({ cash: 10_000 });
    await broker.createOrder(market("someone-else", "buy", 3));
    const report = await reconcileOrders(broker, new OrderJournal(), SYMBOLS, noSave);
    expect(report.positionMismatches).toEqual([{ symbol: "ETHUSDT", expected: 0, actual: 3 }]);
    expect(() => assertReconciled("paper", report)).toThrow(/ETHUSDT: the runs hold 0, the venue 3.*Runbook/);
  });
});
