import { randomBytes } from "node:crypto";
import { knownSymbol, limitParam } from "../binance/order-routes.js";
import { integerParam, ok, type Route } from "../binance/route.js";
import { type Atoms, mulAtoms } from "../engine/decimal.js";
import { isOpenStatus, type NewOrder, type VenueOrder } from "../engine/venue-order.js";
import type { VenueRequest } from "../http/venue-request.js";
import { parseUsdmOrder } from "./parse-usdm-order.js";
import { renderUsdmNewOrder, renderUsdmOrder, renderUsdmTrade } from "./render-usdm.js";
import type { UsdmContext } from "./usdm-context.js";
import { usdmReject } from "./usdm-reject.js";

/** Signed fapi order endpoints: place, query, cancel, cancel all, open orders, all orders, the account's trades. */
export const usdmOrderRoutes: Readonly<Record<string, Route<UsdmContext>>> = {
  "POST /fapi/v1/order": { security: "SIGNED", handle: placeOrder },
  "GET /fapi/v1/order": {
    security: "SIGNED",
    handle: (request, context) => {
      const order = lookUp(request, context);
      if (order === undefined) throw usdmReject.orderDoesNotExist();
      return ok(renderUsdmOrder(order));
    },
  },
  "GET /fapi/v1/openOrder": {
    security: "SIGNED",
    handle: (request, context) => {
      const order = lookUp(request, context);
      if (order === undefined || !isOpenStatus(order.status)) throw usdmReject.orderDoesNotExist();
      return ok(renderUsdmOrder(order));
    },
  },
  "DELETE /fapi/v1/order": {
    security: "SIGNED",
    handle: (request, context) => ok(renderUsdmOrder(context.engine.cancel(lookUp(request, context)))),
  },
  "DELETE /fapi/v1/allOpenOrders": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = knownSymbol(request, context);
      for (const order of context.engine.orders()) {
        if (order.symbol === symbol && isOpenStatus(order.status)) context.engine.cancel(order);
      }
      return ok({ code: 200, msg: "The operation of cancel all open order is done." });
    },
  },
  "GET /fapi/v1/openOrders": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = request.params.has("symbol") ? knownSymbol(request, context) : undefined;
      const open = context.engine
        .orders()
        .filter((o) => isOpenStatus(o.status) && (symbol === undefined || o.symbol === symbol));
      return ok(open.map(renderUsdmOrder));
    },
  },
  "GET /fapi/v1/allOrders": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = knownSymbol(request, context);
      const limit = limitParam(request);
      const fromId = integerParam(request, "orderId");
      const start = integerParam(request, "startTime");
      const end = integerParam(request, "endTime");
      const matching = context.engine
        .orders()
        .filter(
          (o) =>
            o.symbol === symbol &&
            (fromId === undefined || o.orderId >= fromId) &&
            (start === undefined || o.time >= start) &&
            (end === undefined || o.time <= end),
        );
      const fromStart = fromId !== undefined || start !== undefined;
      return ok((fromStart ? matching.slice(0, limit) : matching.slice(-limit)).map(renderUsdmOrder));
    },
  },
  "GET /fapi/v1/userTrades": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = knownSymbol(request, context);
      const limit = limitParam(request);
      const orderId = integerParam(request, "orderId");
      const fromId = integerParam(request, "fromId");
      const start = integerParam(request, "startTime");
      const end = integerParam(request, "endTime");
      const matching = context.engine
        .trades()
        .filter(
          (t) =>
            t.symbol === symbol &&
            (orderId === undefined || t.orderId === orderId) &&
            (fromId === undefined || t.id >= fromId) &&
            (start === undefined || t.time >= start) &&
            (end === undefined || t.time <= end),
        );
      const fromStart = fromId !== undefined || start !== undefined;
      return ok((fromStart ? matching.slice(0, limit) : matching.slice(-limit)).map(renderUsdmTrade));
    },
  },
};

function placeOrder(request: VenueRequest, context: UsdmContext) {
  const parsed = parseUsdmOrder(request.params, (symbol) => context.filters.get(symbol));
  checkPercentPrice(parsed, context);
  const clientOrderId = parsed.clientOrderId === "" ? randomClientId() : parsed.clientOrderId;
  const order = context.engine.place({ ...parsed, clientOrderId });
  return ok(renderUsdmNewOrder(order, request.params.get("newOrderRespType") ?? "ACK"));
}

/** PERCENT_PRICE at the mark: a limit buy at most mark × up (floored to the tick), a sell at least mark × down. */
function checkPercentPrice(order: NewOrder, context: UsdmContext): void {
  const band = context.percentPrice.get(order.symbol);
  const mark = context.engine.markPrice(order.symbol);
  if (order.type !== "LIMIT" || band === undefined || mark === undefined) return;
  const tick = context.filters.get(order.symbol)!.price.tick;
  if (order.side === "BUY") {
    const cap = toTick(mulAtoms(mark, band.up), tick, false);
    if (order.price > cap) throw usdmReject.priceAboveCap(cap);
  } else {
    const floor = toTick(mulAtoms(mark, band.down), tick, true);
    if (order.price < floor) throw usdmReject.priceBelowFloor(floor);
  }
}

function toTick(value: Atoms, tick: Atoms, up: boolean): Atoms {
  if (tick === 0n) return value;
  const down = (value / tick) * tick;
  return up && down < value ? down + tick : down;
}

/** The order named by `orderId` or `origClientOrderId` (one is mandatory), on a known symbol. */
function lookUp(request: VenueRequest, context: UsdmContext): VenueOrder | undefined {
  const symbol = knownSymbol(request, context);
  const orderId = integerParam(request, "orderId");
  const clientOrderId = request.params.get("origClientOrderId") ?? undefined;
  if (orderId === undefined && (clientOrderId === undefined || clientOrderId === "")) {
    throw usdmReject.eitherOf("orderId", "origClientOrderId");
  }
  return context.engine.find(symbol, orderId, clientOrderId || undefined);
}

/** A client order id like the ones Binance generates. */
function randomClientId(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}
