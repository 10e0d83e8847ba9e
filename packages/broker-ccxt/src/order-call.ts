import { BrokerError, InvalidArgumentError, type OrderRequest } from "@candlewick/core";
import type { Exchange, MarketInterface as Market } from "ccxt";
import { COMPONENT } from "./component.js";
import { hasLimitPrice, hasTrigger } from "./map-ccxt-order.js";
import type { VenueProfile } from "./venue-profile.js";

/** The arguments of one ccxt `createOrder` call. */
export interface CcxtOrderCall {
  readonly symbol: string;
  readonly type: "market" | "limit";
  readonly side: "buy" | "sell";
  readonly amount: number;
  readonly price: number | undefined;
  readonly params: Record<string, unknown>;
}

/**
 * Turns an order request into ccxt's unified `createOrder` arguments: quantity and prices through the market's
 * precision (`amountToPrecision` truncates to the lot step, `priceToPrecision` rounds to the tick), the client
 * order id as `clientOrderId` (ccxt sends Binance's `newClientOrderId`), stops as `stopLossPrice` and targets as
 * `takeProfitPrice` (Binance spot: STOP_LOSS / TAKE_PROFIT and their _LIMIT kinds, whose trigger directions match
 * the contract's "against / in favour of the position"), `reduceOnly` only where the venue has positions.
 *
 * @throws InvalidArgumentError when the request is malformed (a missing price, an order type the venue lacks).
 * @throws BrokerError `rejected` before anything is sent when the quantity is below the market's minimum amount
 *   (`invalid_quantity`) or its value below the minimum notional (`min_notional`).
 */
export function orderCallOf(
  request: OrderRequest,
  market: Market,
  exchange: Exchange,
  profile: VenueProfile,
  brokerName: string,
): CcxtOrderCall {
  checkRequest(request, profile);
  const symbol = market.symbol;
  const reject = (reason: "invalid_quantity" | "min_notional" | "invalid_price", message: string) =>
    new BrokerError(
      brokerName,
      "rejected",
      reason,
      `createOrder ${request.symbol} ${request.clientOrderId}: ${message}`,
      {
        details: { symbol: request.symbol, clientOrderId: request.clientOrderId },
      },
    );
  let amount: number;
  try {
    amount = Number(exchange.amountToPrecision(symbol, request.quantity));
  } catch {
    // ccxt throws when the quantity truncates to nothing.
    amount = 0;
  }
  const minAmount = market.limits?.amount?.min;
  if (!(amount > 0) || (minAmount !== undefined && amount < minAmount)) {
    throw reject(
      "invalid_quantity",
      `quantity ${request.quantity} is ${amount} at the market's precision, below its minimum amount ${minAmount ?? "(above 0)"}`,
    );
  }
  const price = hasLimitPrice(request.type)
    ? Number(exchange.priceToPrecision(symbol, request.price!))
    : undefined;
  const triggerPrice = hasTrigger(request.type)
    ? Number(exchange.priceToPrecision(symbol, request.triggerPrice!))
    : undefined;
  if ((price !== undefined && !(price > 0)) || (triggerPrice !== undefined && !(triggerPrice > 0))) {
    throw reject("invalid_price", `price ${request.price ?? request.triggerPrice} is 0 at the market's tick`);
  }
  // The price the order will trade near: its limit, its trigger, or the run's expected fill price.
  const reference = price ?? triggerPrice ?? request.expectedPrice;
  const minCost = market.limits?.cost?.min;
  if (reference !== undefined && minCost !== undefined && amount * reference < minCost) {
    throw reject(
      "min_notional",
      `value ${amount} × ${reference} = ${amount * reference} is below the market's minimum notional ${minCost}`,
    );
  }
  const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
  if (triggerPrice !== undefined) {
    params[request.type.startsWith("stop") ? "stopLossPrice" : "takeProfitPrice"] = triggerPrice;
  }
  if (request.reduceOnly === true && profile.capabilities.positions) params.reduceOnly = true;
  return {
    symbol,
    type: hasLimitPrice(request.type) ? "limit" : "market",
    side: request.side,
    amount,
    price,
    params,
  };
}

function checkRequest(request: OrderRequest, profile: VenueProfile): void {
  const bad = (field: string, value: unknown, expected: string) =>
    new InvalidArgumentError(COMPONENT, `request.${field}`, value, expected);
  if (!profile.capabilities.orderTypes.includes(request.type)) {
    throw bad(
      "type",
      request.type,
      `one of ${profile.capabilities.orderTypes.join(", ")} on ${profile.venueId}`,
    );
  }
  if (request.side !== "buy" && request.side !== "sell") throw bad("side", request.side, '"buy" or "sell"');
  if (!Number.isFinite(request.quantity) || request.quantity <= 0) {
    throw bad("quantity", request.quantity, "a positive number");
  }
  if (hasLimitPrice(request.type) && !(Number.isFinite(request.price) && request.price! > 0)) {
    throw bad("price", request.price, `a positive limit price for a ${request.type} order`);
  }
  if (hasTrigger(request.type) && !(Number.isFinite(request.triggerPrice) && request.triggerPrice! > 0)) {
    throw bad("triggerPrice", request.triggerPrice, `a positive trigger price for a ${request.type} order`);
  }
  const length = request.clientOrderId?.length ?? 0;
  if (length === 0 || length > profile.capabilities.maxClientOrderIdLength) {
    throw bad(
      "clientOrderId",
      request.clientOrderId,
      `1 to ${profile.capabilities.maxClientOrderIdLength} characters (clientOrderIdOf makes them)`,
    );
  }
}
