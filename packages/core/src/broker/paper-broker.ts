import { z } from "zod";
import { BrokerError } from "../errors/broker-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type {
  Broker,
  BrokerBalance,
  BrokerFill,
  BrokerOrder,
  BrokerPosition,
  OrderRequest,
  OrderType,
} from "../spec/broker.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";

/** Options of {@link createPaperBroker}. */
export interface PaperBrokerOptions {
  /** Default `"paper"`. */
  readonly brokerName?: string;
  /** The quote currency every symbol is priced in and fees are paid in. Default `"USDT"`. */
  readonly quoteCurrency?: string;
  /** Starting cash in the quote currency. Default 10 000. */
  readonly cash?: number;
  /** Fee per fill, in percent of its value. Default 0.1. */
  readonly percentFee?: number;
  /** The market price of a symbol now, for market orders without `expectedPrice` and for triggers. */
  readonly price?: (symbol: string) => number | undefined;
  /** Epoch ms now. Default `Date.now`. */
  readonly now?: () => number;
}

const optionsSchema = z.strictObject({
  brokerName: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'")
    .optional(),
  quoteCurrency: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/, "a currency code such as USDT")
    .optional(),
  cash: z.number().min(0, "an amount >= 0").optional(),
  percentFee: z.number().min(0).max(10, "a percentage from 0 to 10").optional(),
  price: z
    .custom<(symbol: string) => number | undefined>((value) => typeof value === "function", "a function")
    .optional(),
  now: z.custom<() => number>((value) => typeof value === "function", "a function").optional(),
});

const PAPER_TYPES: readonly OrderType[] = ["market", "limit", "stop_market", "take_profit_market"];

/** A paper account's own control: what the kernel or a test does that a real venue does on its own. */
export interface PaperBroker extends Broker {
  /** Fills the resting orders of `symbol` that `price` reaches (limits at their price, triggers at `price`). */
  touch(symbol: string, price: number): BrokerFill[];
}

interface PaperOrder {
  order: BrokerOrder;
}

/**
 * An in-memory venue: the default broker of a live run (paper trading). Market orders fill at once, at the
 * run's `expectedPrice` (the fill model's price, so paper ≡ backtest) or the `price` source; limit and trigger
 * orders rest until `touch` reaches them. It keeps cash and a net position per symbol, like a derivatives account
 * (a short is a negative position), charges `percentFee` in the quote currency, and refuses an order the cash
 * cannot pay for. Client order ids are unique for the account's whole life: a second order with the same id is a
 * `duplicate_order` rejection, whatever became of the first.
 */
export function createPaperBroker(options: PaperBrokerOptions = {}): PaperBroker {
  const parsed = parseWithSchema("createPaperBroker", optionsSchema, options);
  const brokerName = parsed.brokerName ?? "paper";
  const quote = parsed.quoteCurrency ?? "USDT";
  const fee = (parsed.percentFee ?? 0.1) / 100;
  const now = parsed.now ?? Date.now;
  let cash = parsed.cash ?? 10_000;
  const orders = new Map<string, PaperOrder>();
  const fills: BrokerFill[] = [];
  const positions = new Map<string, { quantity: number; entryPrice: number }>();
  let venueIds = 0;
  let fillIds = 0;

  const fail = (kind: BrokerError["kind"], reason: BrokerError["reason"], message: string) =>
    new BrokerError(brokerName, kind, reason, message);

  const locked = (): number => {
    let sum = 0;
    for (const { order } of orders.values()) {
      if (order.status === "open" && order.side === "buy" && order.price !== undefined) {
        sum += (order.quantity - order.filledQuantity) * order.price * (1 + fee);
      }
    }
    return sum;
  };

  const execute = (paper: PaperOrder, price: number): BrokerFill => {
    const { order } = paper;
    const quantity = order.quantity - order.filledQuantity;
    const value = quantity * price;
    const cost = value * fee;
    const signed = order.side === "buy" ? quantity : -quantity;
    cash += order.side === "buy" ? -value - cost : value - cost;
    const held = positions.get(order.symbol) ?? { quantity: 0, entryPrice: 0 };
    const next = held.quantity + signed;
    const growing = Math.sign(next) === Math.sign(signed) && Math.abs(next) > Math.abs(held.quantity);
    positions.set(order.symbol, {
      quantity: Math.abs(next) < 1e-12 ? 0 : next,
      entryPrice: growing
        ? (Math.abs(held.quantity) * held.entryPrice + quantity * price) / Math.abs(next)
        : held.entryPrice,
    });
    const fill: BrokerFill = {
      fillId: `paper-fill-${++fillIds}`,
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId,
      symbol: order.symbol,
      side: order.side,
      price,
      quantity,
      fee: cost,
      feeCurrency: quote,
      timestamp: now(),
    };
    fills.push(fill);
    paper.order = {
      ...order,
      status: "filled",
      filledQuantity: order.quantity,
      averagePrice: price,
      updatedAt: fill.timestamp,
    };
    return fill;
  };

  const check = (request: OrderRequest): void => {
    const bad = (field: string, expected: string) =>
      new InvalidArgumentError(
        `${brokerName}.createOrder`,
        field,
        (request as unknown as Record<string, unknown>)[field],
        expected,
      );
    if (typeof request.clientOrderId !== "string" || request.clientOrderId.length === 0)
      throw bad("clientOrderId", "a non-empty id");
    if (!(request.quantity > 0) || !Number.isFinite(request.quantity))
      throw bad("quantity", "a finite quantity > 0");
    if (!PAPER_TYPES.includes(request.type)) throw bad("type", `one of ${PAPER_TYPES.join(", ")}`);
    if (request.type === "limit" && !(request.price! > 0)) throw bad("price", "a limit price > 0");
    if (request.type !== "market" && request.type !== "limit" && !(request.triggerPrice! > 0)) {
      throw bad("triggerPrice", "a trigger price > 0");
    }
  };

  const broker: PaperBroker = {
    specificationVersion: "v1",
    brokerName,
    capabilities: { orderTypes: PAPER_TYPES, positions: true, maxClientOrderIdLength: 64 },

    async createOrder(request) {
      check(request);
      if (orders.has(request.clientOrderId)) {
        throw fail(
          "rejected",
          "duplicate_order",
          `client order id ${request.clientOrderId} was already used`,
        );
      }
      const marketPrice = request.expectedPrice ?? parsed.price?.(request.symbol);
      const worst = request.type === "limit" ? request.price! : marketPrice;
      if (request.side === "buy" && worst !== undefined) {
        const needed = request.quantity * worst * (1 + fee);
        if (needed > cash - locked() + 1e-9) {
          throw fail(
            "rejected",
            "insufficient_balance",
            `the order needs ${needed.toFixed(2)} ${quote}, ${(cash - locked()).toFixed(2)} is free`,
          );
        }
      }
      const paper: PaperOrder = {
        order: {
          clientOrderId: request.clientOrderId,
          venueOrderId: `paper-${++venueIds}`,
          symbol: request.symbol,
          side: request.side,
          type: request.type,
          status: "open",
          quantity: request.quantity,
          filledQuantity: 0,
          averagePrice: null,
          ...(request.price === undefined ? {} : { price: request.price }),
          ...(request.triggerPrice === undefined ? {} : { triggerPrice: request.triggerPrice }),
          updatedAt: now(),
        },
      };
      if (request.type === "market") {
        if (marketPrice === undefined) {
          throw fail(
            "rejected",
            "other",
            `no price for ${request.symbol}: give expectedPrice or a price source`,
          );
        }
        orders.set(request.clientOrderId, paper);
        execute(paper, marketPrice);
      } else {
        orders.set(request.clientOrderId, paper);
      }
      return paper.order;
    },

    async cancelOrder(symbol, clientOrderId) {
      const paper = orders.get(clientOrderId);
      if (paper === undefined || paper.order.symbol !== symbol) {
        throw fail("not_found", "order_not_found", `no order ${clientOrderId} on ${symbol}`);
      }
      if (paper.order.status === "open")
        paper.order = { ...paper.order, status: "cancelled", updatedAt: now() };
      return paper.order;
    },

    async fetchOrder(symbol, clientOrderId) {
      const paper = orders.get(clientOrderId);
      return paper !== undefined && paper.order.symbol === symbol ? paper.order : null;
    },

    async fetchOpenOrders(symbol) {
      return [...orders.values()]
        .map((paper) => paper.order)
        .filter((order) => order.status === "open" && (symbol === undefined || order.symbol === symbol));
    },

    async fetchFills(symbol, since) {
      return fills.filter((fill) => fill.symbol === symbol && fill.timestamp >= since);
    },

    async fetchBalance(): Promise<BrokerBalance[]> {
      const used = locked();
      return [{ currency: quote, free: cash - used, used, total: cash }];
    },

    async fetchPositions(symbols): Promise<BrokerPosition[]> {
      const out: BrokerPosition[] = [];
      for (const [symbol, held] of positions) {
        if (held.quantity === 0 || (symbols !== undefined && !symbols.includes(symbol))) continue;
        out.push({
          symbol,
          side: held.quantity > 0 ? "long" : "short",
          quantity: Math.abs(held.quantity),
          entryPrice: held.entryPrice,
        });
      }
      return out;
    },

    touch(symbol, price) {
      const done: BrokerFill[] = [];
      for (const paper of orders.values()) {
        const { order } = paper;
        if (order.status !== "open" || order.symbol !== symbol) continue;
        const buy = order.side === "buy";
        let at: number | undefined;
        if (order.type === "limit" && (buy ? price <= order.price! : price >= order.price!))
          at = order.price!;
        // A stop buys on a rise (it protects a short) and sells on a fall; a take-profit the other way round.
        if (
          order.type === "stop_market" &&
          (buy ? price >= order.triggerPrice! : price <= order.triggerPrice!)
        )
          at = price;
        if (
          order.type === "take_profit_market" &&
          (buy ? price <= order.triggerPrice! : price >= order.triggerPrice!)
        )
          at = price;
        if (at !== undefined) done.push(execute(paper, at));
      }
      return done;
    },
  };
  return broker;
}
