import { randomUUID } from "node:crypto";
import { type Broker, BrokerError, checkBroker, clientOrderIdOf, type OrderRequest } from "@candlewick/core";
import { describe, expect, it } from "vitest";

/** A market the broker under test trades, and sizes that behave as the cases need there. */
export interface BrokerConformanceOptions {
  readonly symbol: string;
  /** The quote currency of `symbol` (whose balance a resting buy locks). */
  readonly quoteCurrency: string;
  /** A valid order size: above the market's minimums, affordable twice over. */
  readonly quantity: number;
  /** A buy limit price so far below the market that the order rests for the whole case. */
  readonly restingBuyPrice: number;
  /** A buy quantity the account's balance cannot pay for. */
  readonly unaffordableQuantity: number;
  /** Strings that must never appear in an error (the API key and secret). */
  readonly secrets?: readonly string[];
  /** Lets the venue act between two calls where it does so asynchronously (e.g. advance an emulator's clock). */
  readonly settle?: () => Promise<void>;
}

interface BrokerCase {
  readonly id: `TC-B${string}`;
  readonly title: string;
  run(broker: Broker, options: BrokerConformanceOptions, ids: () => string): Promise<void>;
}

const settle = (options: BrokerConformanceOptions) => options.settle?.() ?? Promise.resolve();

function restingBuy(options: BrokerConformanceOptions, clientOrderId: string): OrderRequest {
  return {
    clientOrderId,
    symbol: options.symbol,
    side: "buy",
    type: "limit",
    quantity: options.quantity,
    price: options.restingBuyPrice,
  };
}

async function brokerFailure(call: Promise<unknown>): Promise<BrokerError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "the call should have failed").toBeDefined();
  expect(BrokerError.isInstance(error) && error instanceof Error && error.name, String(error)).toBe(
    "BrokerError",
  );
  return error as BrokerError;
}

/**
 * TC-B01…TC-B10, each a rule of the `Broker` contract that the live order flow relies on. Ids are stable: a case
 * is never renumbered, only added or retired.
 */
const CASES: readonly BrokerCase[] = [
  {
    id: "TC-B01",
    title: "satisfies the contract's shape: version v1, a name, capabilities, every method",
    async run(broker) {
      expect(() => checkBroker("conformance", broker)).not.toThrow();
      expect(broker.capabilities.orderTypes).toContain("market");
      expect(broker.capabilities.orderTypes).toContain("limit");
    },
  },
  {
    id: "TC-B02",
    title: "a resting limit order is open under its client order id, found by it and among the open orders",
    async run(broker, options, ids) {
      const id = ids();
      const placed = await broker.createOrder(restingBuy(options, id));
      expect(placed).toMatchObject({
        clientOrderId: id,
        symbol: options.symbol,
        side: "buy",
        type: "limit",
        status: "open",
      });
      expect(placed.filledQuantity).toBe(0);
      expect(placed.quantity).toBeCloseTo(options.quantity, 12);
      await settle(options);
      const found = await broker.fetchOrder(options.symbol, id);
      expect(found).toMatchObject({ clientOrderId: id, venueOrderId: placed.venueOrderId, status: "open" });
      const open = await broker.fetchOpenOrders(options.symbol);
      expect(open.map((order) => order.clientOrderId)).toContain(id);
      await broker.cancelOrder(options.symbol, id);
    },
  },
  {
    id: "TC-B03",
    title: "cancelling an open order ends it as cancelled, and it leaves the open orders",
    async run(broker, options, ids) {
      const id = ids();
      await broker.createOrder(restingBuy(options, id));
      const cancelled = await broker.cancelOrder(options.symbol, id);
      expect(cancelled).toMatchObject({ clientOrderId: id, status: "cancelled" });
      await settle(options);
      expect(await broker.fetchOrder(options.symbol, id)).toMatchObject({ status: "cancelled" });
      const open = await broker.fetchOpenOrders(options.symbol);
      expect(open.map((order) => order.clientOrderId)).not.toContain(id);
    },
  },
  {
    id: "TC-B04",
    title: "cancelling an order the venue does not have fails as not_found",
    async run(broker, options, ids) {
      const error = await brokerFailure(broker.cancelOrder(options.symbol, ids()));
      expect(error.kind).toBe("not_found");
    },
  },
  {
    id: "TC-B05",
    title: "looking up an unknown client order id gives null, not an error",
    async run(broker, options, ids) {
      expect(await broker.fetchOrder(options.symbol, ids())).toBeNull();
    },
  },
  {
    id: "TC-B06",
    title:
      "a market order fills whole; its fills carry its client order id, distinct fill ids, and sum to it",
    async run(broker, options, ids) {
      const since = Date.now() - 60_000;
      const buy = ids();
      const bought = await broker.createOrder({
        clientOrderId: buy,
        symbol: options.symbol,
        side: "buy",
        type: "market",
        quantity: options.quantity,
      });
      await settle(options);
      const order = (await broker.fetchOrder(options.symbol, buy)) ?? bought;
      expect(order.status).toBe("filled");
      expect(order.filledQuantity).toBeCloseTo(options.quantity, 12);
      expect(order.averagePrice).toBeGreaterThan(0);
      const fills = (await broker.fetchFills(options.symbol, since)).filter(
        (fill) => fill.clientOrderId === buy,
      );
      expect(fills.length).toBeGreaterThan(0);
      expect(new Set(fills.map((fill) => fill.fillId)).size).toBe(fills.length);
      expect(fills.reduce((sum, fill) => sum + fill.quantity, 0)).toBeCloseTo(options.quantity, 12);
      for (const fill of fills) {
        expect(fill.side).toBe("buy");
        expect(fill.fee).toBeGreaterThanOrEqual(0);
      }
      // Flat again, so the next cases start from the same balance.
      await broker.createOrder({
        clientOrderId: ids(),
        symbol: options.symbol,
        side: "sell",
        type: "market",
        quantity: options.quantity,
      });
    },
  },
  {
    id: "TC-B07",
    title: "an order with the client order id of an open one is rejected as duplicate_order; the first stays",
    async run(broker, options, ids) {
      const id = ids();
      await broker.createOrder(restingBuy(options, id));
      const error = await brokerFailure(broker.createOrder(restingBuy(options, id)));
      expect(error.kind).toBe("rejected");
      expect(error.reason).toBe("duplicate_order");
      expect(await broker.fetchOrder(options.symbol, id)).toMatchObject({ status: "open" });
      await broker.cancelOrder(options.symbol, id);
    },
  },
  {
    id: "TC-B08",
    title: "an order the balance cannot pay for is rejected as insufficient_balance and leaves no order",
    async run(broker, options, ids) {
      const id = ids();
      const error = await brokerFailure(
        broker.createOrder({ ...restingBuy(options, id), quantity: options.unaffordableQuantity }),
      );
      expect(error.kind).toBe("rejected");
      expect(error.reason).toBe("insufficient_balance");
      const left = await broker.fetchOrder(options.symbol, id);
      expect(left === null || left.status === "rejected").toBe(true);
    },
  },
  {
    id: "TC-B09",
    title: "balances add up (free + used = total, none negative), and a resting buy locks quote",
    async run(broker, options, ids) {
      const quoteOf = async () =>
        (await broker.fetchBalance()).find((entry) => entry.currency === options.quoteCurrency);
      const before = await quoteOf();
      expect(before, `a ${options.quoteCurrency} balance`).toBeDefined();
      for (const entry of await broker.fetchBalance()) {
        expect(entry.free + entry.used).toBeCloseTo(entry.total, 6);
        expect(entry.free).toBeGreaterThanOrEqual(0);
        expect(entry.used).toBeGreaterThanOrEqual(0);
      }
      const id = ids();
      await broker.createOrder(restingBuy(options, id));
      await settle(options);
      const during = await quoteOf();
      expect(during!.used).toBeGreaterThan(before!.used + options.quantity * options.restingBuyPrice * 0.99);
      await broker.cancelOrder(options.symbol, id);
    },
  },
  {
    id: "TC-B10",
    title: "errors never carry the credentials, in the message, the details or the cause",
    async run(broker, options, ids) {
      const errors = [
        await brokerFailure(broker.cancelOrder(options.symbol, ids())),
        await brokerFailure(
          broker.createOrder({ ...restingBuy(options, ids()), quantity: options.unaffordableQuantity }),
        ),
      ];
      for (const error of errors) {
        const text = [
          error.message,
          error.stack ?? "",
          JSON.stringify(error.details),
          String(error.cause ?? ""),
        ].join("\n");
        for (const secret of options.secrets ?? []) expect(text).not.toContain(secret);
      }
    },
  },
];

/**
 * Runs the broker conformance suite against the broker `factory` makes (a fresh one per case is fine; the venue
 * behind it may keep its state between cases: every case uses new client order ids and leaves nothing open).
 */
export function runBrokerConformance(
  name: string,
  factory: () => Broker | Promise<Broker>,
  options: BrokerConformanceOptions,
): void {
  describe(`Broker conformance: ${name}`, () => {
    for (const testCase of CASES) {
      it(`${testCase.id} ${testCase.title}`, async () => {
        const signal = randomUUID();
        let leg = 0;
        await testCase.run(await factory(), options, () =>
          clientOrderIdOf(signal, { kind: "add", n: ++leg }),
        );
      });
    }
  });
}
