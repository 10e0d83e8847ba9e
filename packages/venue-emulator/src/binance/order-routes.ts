import { randomBytes } from "node:crypto";
import { isOpenStatus, type VenueOrder } from "../engine/venue-order.js";
import type { VenueRequest } from "../http/venue-request.js";
import { reject } from "./binance-reject.js";
import { parseNewOrder, required } from "./parse-new-order.js";
import { renderCanceled, renderNewOrder, renderOrder } from "./render-order.js";
import { integerParam, ok, type Route, type VenueContext } from "./route.js";

/** Signed order endpoints: place, test, query, cancel, cancel all, open orders, all orders. */
export const orderRoutes: Readonly<Record<string, Route>> = {
  "POST /api/v3/order": { security: "SIGNED", handle: placeOrder },
  "POST /api/v3/order/test": {
    security: "SIGNED",
    handle: (request, context) => {
      parseNewOrder(request.params, (symbol) => context.filters.get(symbol));
      return ok({});
    },
  },
  "GET /api/v3/order": {
    security: "SIGNED",
    handle: (request, context) => {
      const order = lookUp(request, context);
      if (order === undefined) throw reject.orderDoesNotExist();
      return ok(renderOrder(order));
    },
  },
  "DELETE /api/v3/order": {
    security: "SIGNED",
    handle: (request, context) => {
      const order = context.engine.cancel(lookUp(request, context));
      return ok(renderCanceled(order, cancelId(request), context.engine.now()));
    },
  },
  "DELETE /api/v3/openOrders": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = knownSymbol(request, context);
      const open = context.engine.orders().filter((o) => o.symbol === symbol && isOpenStatus(o.status));
      // Binance answers -2011 when there is nothing to cancel.
      if (open.length === 0) throw reject.unknownOrder();
      return ok(
        open.map((o) => renderCanceled(context.engine.cancel(o), cancelId(request), context.engine.now())),
      );
    },
  },
  "GET /api/v3/openOrders": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = request.params.has("symbol") ? knownSymbol(request, context) : undefined;
      const open = context.engine
        .orders()
        .filter((o) => isOpenStatus(o.status) && (symbol === undefined || o.symbol === symbol));
      return ok(open.map(renderOrder));
    },
  },
  "GET /api/v3/allOrders": {
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
      const picked =
        fromId !== undefined || start !== undefined ? matching.slice(0, limit) : matching.slice(-limit);
      return ok(picked.map(renderOrder));
    },
  },
};

function placeOrder(request: VenueRequest, context: VenueContext) {
  const parsed = parseNewOrder(request.params, (symbol) => context.filters.get(symbol));
  const clientOrderId = parsed.clientOrderId === "" ? randomClientId() : parsed.clientOrderId;
  const order = context.engine.place({ ...parsed, clientOrderId });
  const defaultType = order.type === "MARKET" || order.type === "LIMIT" ? "FULL" : "ACK";
  return ok(renderNewOrder(order, request.params.get("newOrderRespType") ?? defaultType));
}

/** The order named by `orderId` or `origClientOrderId` (one of them is mandatory), on a known symbol. */
function lookUp(request: VenueRequest, context: VenueContext): VenueOrder | undefined {
  const symbol = knownSymbol(request, context);
  const orderId = integerParam(request, "orderId");
  const clientOrderId = request.params.get("origClientOrderId") ?? undefined;
  if (orderId === undefined && (clientOrderId === undefined || clientOrderId === "")) {
    throw reject.eitherOf("origClientOrderId", "orderId");
  }
  return context.engine.find(symbol, orderId, clientOrderId || undefined);
}

export function knownSymbol(request: VenueRequest, context: VenueContext): string {
  const symbol = required(request.params, "symbol");
  if (!context.filters.has(symbol)) throw reject.invalidSymbol();
  return symbol;
}

export function limitParam(request: VenueRequest, fallback = 500, max = 1000): number {
  const limit = integerParam(request, "limit") ?? fallback;
  if (limit < 1 || limit > max) throw reject.invalidLimit();
  return limit;
}

function cancelId(request: VenueRequest): string {
  return request.params.get("newClientOrderId") || randomClientId();
}

/** A client order id like the ones Binance generates (22 characters). */
function randomClientId(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}
