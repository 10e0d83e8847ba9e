import { describe, expect, it } from "vitest";
import { createPaperBroker } from "./paper-broker.js";

// The contract's conformance suite runs on the paper broker in packages/testkit (broker-conformance.test.ts).

describe("createPaperBroker", () => {
  it("fills a market order at the fill model's expected price, with the fee in quote", async () => {
    const broker = createPaperBroker({ cash: 1_000, percentFee: 0.1, price: () => 999 });
    const order = await broker.createOrder({
      clientOrderId: "e1",
      symbol: "ETHUSDT",
      side: "buy",
      type: "market",
      quantity: 2,
      expectedPrice: 100,
    });
    expect(order).toMatchObject({ status: "filled", averagePrice: 100, filledQuantity: 2 });
    const [fill] = await broker.fetchFills("ETHUSDT", 0);
    // 2 × 100 = 200 of value, 0.1% of it = 0.2 of fee; 1000 − 200 − 0.2 left.
    expect(fill).toMatchObject({ price: 100, quantity: 2, feeCurrency: "USDT" });
    expect(fill!.fee).toBeCloseTo(0.2, 12);
    expect((await broker.fetchBalance())[0]!.total).toBeCloseTo(799.8, 9);
    expect(await broker.fetchPositions!()).toEqual([
      { symbol: "ETHUSDT", side: "long", quantity: 2, entryPrice: 100 },
    ]);
  });

  it("rests stops and take-profits until the price reaches them, on the right side", async () => {
    const broker = createPaperBroker({ cash: 1_000, percentFee: 0 });
    await broker.createOrder({
      clientOrderId: "e",
      symbol: "X",
      side: "buy",
      type: "market",
      quantity: 1,
      expectedPrice: 100,
    });
    await broker.createOrder({
      clientOrderId: "sl",
      symbol: "X",
      side: "sell",
      type: "stop_market",
      quantity: 1,
      triggerPrice: 95,
    });
    await broker.createOrder({
      clientOrderId: "tp",
      symbol: "X",
      side: "sell",
      type: "take_profit_market",
      quantity: 1,
      triggerPrice: 110,
    });
    expect(broker.touch("X", 100)).toEqual([]);
    expect(broker.touch("X", 96)).toEqual([]);
    const [hit] = broker.touch("X", 94.5);
    expect(hit).toMatchObject({ clientOrderId: "sl", price: 94.5 });
    expect((await broker.fetchOpenOrders("X")).map((order) => order.clientOrderId)).toEqual(["tp"]);
    expect(await broker.fetchPositions!()).toEqual([]);
  });

  it("keeps client order ids unique for the account's life, not only among open orders", async () => {
    const broker = createPaperBroker({ price: () => 10 });
    await broker.createOrder({
      clientOrderId: "once",
      symbol: "X",
      side: "buy",
      type: "market",
      quantity: 1,
    });
    await expect(
      broker.createOrder({ clientOrderId: "once", symbol: "X", side: "buy", type: "market", quantity: 1 }),
    ).rejects.toMatchObject({
      kind: "rejected",
      reason: "duplicate_order",
    });
  });

  it("rejects bad options and bad orders naming the field", async () => {
    expect(() => createPaperBroker({ percentFee: -1 })).toThrow(/"percentFee"/);
    const broker = createPaperBroker({ price: () => 10 });
    await expect(
      broker.createOrder({ clientOrderId: "q", symbol: "X", side: "buy", type: "market", quantity: 0 }),
    ).rejects.toThrow(/"quantity" is 0/);
    await expect(
      broker.createOrder({ clientOrderId: "p", symbol: "X", side: "buy", type: "limit", quantity: 1 }),
    ).rejects.toThrow(/"price"/);
  });
});
