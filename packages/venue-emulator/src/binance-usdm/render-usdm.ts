import { divAtoms, formatAtoms } from "../engine/decimal.js";
import type { VenueOrder, VenueTrade } from "../engine/venue-order.js";

/** An order as `GET /fapi/v1/order`, `openOrders`, `allOrders` and `DELETE /fapi/v1/order` print it. */
export function renderUsdmOrder(order: VenueOrder): Record<string, unknown> {
  const average = order.executedQty === 0n ? 0n : divAtoms(order.cummulativeQuoteQty, order.executedQty);
  return {
    orderId: order.orderId,
    symbol: order.symbol,
    status: order.status,
    clientOrderId: order.clientOrderId,
    price: formatAtoms(order.price),
    avgPrice: formatAtoms(average),
    origQty: formatAtoms(order.origQty),
    executedQty: formatAtoms(order.executedQty),
    cumQuote: formatAtoms(order.cummulativeQuoteQty),
    timeInForce: order.timeInForce ?? "GTC",
    type: order.type,
    reduceOnly: order.reduceOnly,
    closePosition: false,
    side: order.side,
    positionSide: "BOTH",
    stopPrice: "0",
    workingType: "CONTRACT_PRICE",
    priceProtect: false,
    origType: order.type,
    priceMatch: "NONE",
    selfTradePreventionMode: "EXPIRE_MAKER",
    goodTillDate: 0,
    time: order.time,
    updateTime: order.updateTime,
  };
}

/**
 * The `POST /fapi/v1/order` answer: RESULT is the order as it stands after placement (a market order already
 * filled); ACK, fapi's default, the order as accepted, before any fill.
 */
export function renderUsdmNewOrder(order: VenueOrder, respType: string): Record<string, unknown> {
  const shown =
    respType === "RESULT"
      ? order
      : {
          ...order,
          status: "NEW" as const,
          executedQty: 0n,
          cummulativeQuoteQty: 0n,
          updateTime: order.time,
        };
  const { time: _time, ...rest } = renderUsdmOrder(shown);
  return { ...rest, cumQty: formatAtoms(shown.executedQty) };
}

/** One `GET /fapi/v1/userTrades` row. */
export function renderUsdmTrade(trade: VenueTrade): Record<string, unknown> {
  return {
    buyer: trade.isBuyer,
    commission: formatAtoms(trade.commission),
    commissionAsset: trade.commissionAsset,
    id: trade.id,
    maker: trade.isMaker,
    orderId: trade.orderId,
    price: formatAtoms(trade.price),
    qty: formatAtoms(trade.qty),
    quoteQty: formatAtoms(trade.quoteQty),
    realizedPnl: formatAtoms(trade.realizedPnl),
    side: trade.isBuyer ? "BUY" : "SELL",
    positionSide: "BOTH",
    symbol: trade.symbol,
    time: trade.time,
  };
}
