import { randomBytes } from "node:crypto";
import { formatAtoms } from "../engine/decimal.js";
import { reject } from "./binance-reject.js";
import { knownSymbol, limitParam } from "./order-routes.js";
import { renderTrade } from "./render-order.js";
import { integerParam, ok, type Route } from "./route.js";

/** Signed account endpoints (account, myTrades) and the user data stream's listen keys (the venue's sessions). */
export const accountRoutes: Readonly<Record<string, Route>> = {
  "GET /api/v3/account": {
    security: "SIGNED",
    handle: (request, context) => {
      const omitZero = request.params.get("omitZeroBalances") === "true";
      const balances = context.ledger.account
        .entries()
        .filter(([, b]) => !omitZero || b.free !== 0n || b.locked !== 0n)
        .map(([asset, b]) => ({ asset, free: formatAtoms(b.free), locked: formatAtoms(b.locked) }));
      return ok({
        makerCommission: 10,
        takerCommission: 10,
        buyerCommission: 0,
        sellerCommission: 0,
        canTrade: true,
        canWithdraw: true,
        canDeposit: true,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: context.engine.now(),
        accountType: "SPOT",
        balances,
        permissions: ["SPOT"],
        uid: 354937868,
      });
    },
  },
  "GET /api/v3/myTrades": {
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
      return ok((fromStart ? matching.slice(0, limit) : matching.slice(-limit)).map(renderTrade));
    },
  },
  "POST /api/v3/userDataStream": {
    security: "USER_STREAM",
    handle: (_request, context) => {
      const listenKey = randomBytes(30).toString("hex").slice(0, 60);
      context.listenKeys.add(listenKey);
      return ok({ listenKey });
    },
  },
  "PUT /api/v3/userDataStream": {
    security: "USER_STREAM",
    handle: (request, context) => {
      if (!context.listenKeys.has(request.params.get("listenKey") ?? "")) throw reject.listenKeyUnknown();
      return ok({});
    },
  },
  "DELETE /api/v3/userDataStream": {
    security: "USER_STREAM",
    handle: (request, context) => {
      if (!context.listenKeys.delete(request.params.get("listenKey") ?? "")) throw reject.listenKeyUnknown();
      return ok({});
    },
  },
};
