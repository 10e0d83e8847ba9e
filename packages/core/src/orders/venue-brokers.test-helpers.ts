import { BrokerError } from "../errors/broker-error.js";
import type { Broker, BrokerFill, OrderRequest } from "../spec/broker.js";

/** How {@link slippingBroker} fills: two executions per order, each worse than the fill model's price. */
export interface Slippage {
  /** Share of the order's quantity in the first execution. */
  readonly firstShare: number;
  /** Relative price moves against the order of the first and second executions (0.001 = 0.1 % worse). */
  readonly first: number;
  readonly second: number;
  /** Fee rate of every execution; buys pay it in the base currency (`BTC`), sells in the quote (`USDT`). */
  readonly feeRate: number;
}

/**
 * A venue in front of the paper broker that executes every order in two parts at prices worse than the run's
 * `expectedPrice`, charging buys their fee in base currency (as Binance spot does without BNB). Orders, lookups
 * and balances are the paper broker's; only the executions (`fetchFills`) differ.
 */
export function slippingBroker(inner: Broker, slip: Slippage): Broker {
  const split = (fill: BrokerFill): BrokerFill[] => {
    const against = fill.side === "buy" ? 1 : -1;
    const q1 = fill.quantity * slip.firstShare;
    const parts = [
      { quantity: q1, price: fill.price * (1 + against * slip.first) },
      { quantity: fill.quantity - q1, price: fill.price * (1 + against * slip.second) },
    ];
    return parts.map((part, i) => ({
      ...fill,
      fillId: `${fill.fillId}-${i + 1}`,
      price: part.price,
      quantity: part.quantity,
      fee: fill.side === "buy" ? part.quantity * slip.feeRate : part.quantity * part.price * slip.feeRate,
      feeCurrency: fill.side === "buy" ? "BTC" : "USDT",
    }));
  };
  return {
    ...inner,
    brokerName: "slipping",
    async fetchFills(symbol, since) {
      return (await inner.fetchFills(symbol, since)).flatMap(split);
    },
  };
}

/** A venue that refuses the orders `refuse` picks (insufficient balance), counting every order it was sent. */
export interface RefusingBroker extends Broker {
  /** Client order ids of every createOrder call, refused ones included. */
  readonly sent: string[];
}

/** `refuse(request, n)`: n is how many times this client order id was sent before (0 the first time). */
export function refusingBroker(
  inner: Broker,
  refuse: (request: OrderRequest, n: number) => boolean,
): RefusingBroker {
  const sent: string[] = [];
  return {
    ...inner,
    sent,
    async createOrder(request) {
      const n = sent.filter((id) => id === request.clientOrderId).length;
      sent.push(request.clientOrderId);
      if (refuse(request, n)) {
        throw new BrokerError(
          "refusing",
          "rejected",
          "insufficient_balance",
          `Account has insufficient balance for requested action (${request.clientOrderId})`,
        );
      }
      return inner.createOrder(request);
    },
  };
}
