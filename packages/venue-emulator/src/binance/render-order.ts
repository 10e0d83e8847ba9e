import { formatAtoms } from "../engine/decimal.js";
import type { VenueOrder, VenueTrade } from "../engine/venue-order.js";

/** An order as `GET /api/v3/order` and `openOrders` print it. */
export function renderOrder(order: VenueOrder): Record<string, unknown> {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: formatAtoms(order.price),
    origQty: formatAtoms(order.origQty),
    executedQty: formatAtoms(order.executedQty),
    cummulativeQuoteQty: formatAtoms(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce ?? "GTC",
    type: order.type,
    side: order.side,
    stopPrice: formatAtoms(order.stopPrice),
    icebergQty: formatAtoms(0n),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.workingTime >= 0,
    workingTime: order.workingTime,
    origQuoteOrderQty: formatAtoms(order.quoteOrderQty),
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
}

/** The `POST /api/v3/order` answer in the requested `newOrderRespType` (ACK, RESULT or FULL). */
export function renderNewOrder(order: VenueOrder, respType: string): Record<string, unknown> {
  const ack = {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    transactTime: order.time,
  };
  if (respType === "ACK") return ack;
  const result: Record<string, unknown> = {
    ...ack,
    ...orderState(order),
    workingTime: order.workingTime,
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
  if (respType !== "FULL") return result;
  // FULL lists only the fills made while the order was placed.
  const fills = order.fills.filter((trade) => trade.time === order.time);
  return {
    ...result,
    fills: fills.map((trade) => ({
      price: formatAtoms(trade.price),
      qty: formatAtoms(trade.qty),
      commission: formatAtoms(trade.commission),
      commissionAsset: trade.commissionAsset,
      tradeId: trade.id,
    })),
  };
}

/** The `DELETE /api/v3/order` answer: `clientOrderId` is the cancel's own id, the order's is `origClientOrderId`. */
export function renderCanceled(
  order: VenueOrder,
  cancelClientId: string,
  transactTime: number,
): Record<string, unknown> {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientId,
    transactTime,
    ...orderState(order),
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
}

/** One `GET /api/v3/myTrades` row. */
export function renderTrade(trade: VenueTrade): Record<string, unknown> {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: formatAtoms(trade.price),
    qty: formatAtoms(trade.qty),
    quoteQty: formatAtoms(trade.quoteQty),
    commission: formatAtoms(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}

/** The amounts and state the new-order (RESULT, FULL) and cancel answers share. */
function orderState(order: VenueOrder): Record<string, unknown> {
  return {
    price: formatAtoms(order.price),
    origQty: formatAtoms(order.origQty),
    executedQty: formatAtoms(order.executedQty),
    origQuoteOrderQty: formatAtoms(order.quoteOrderQty),
    cummulativeQuoteQty: formatAtoms(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce ?? "GTC",
    type: order.type,
    side: order.side,
    ...(order.stopPrice > 0n ? { stopPrice: formatAtoms(order.stopPrice) } : {}),
  };
}
