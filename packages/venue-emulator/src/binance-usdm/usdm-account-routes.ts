import { randomBytes } from "node:crypto";
import { reject } from "../binance/binance-reject.js";
import { knownSymbol } from "../binance/order-routes.js";
import { required } from "../binance/parse-new-order.js";
import { ok, type Route } from "../binance/route.js";
import { formatAtoms, minAtoms, mulAtoms } from "../engine/decimal.js";
import { isOpenStatus } from "../engine/venue-order.js";
import type { VenueRequest } from "../http/venue-request.js";
import type { UsdmContext } from "./usdm-context.js";
import { usdmReject } from "./usdm-reject.js";

const MAX_LEVERAGE = 125;
/** One bracket per symbol: the emulator models a single maintenance margin rate, no tiers. */
const NOTIONAL_CAP = 1_000_000_000;

/** The margin asset's row of `GET /fapi/v3/account` and `/fapi/v2/balance`-like answers. */
function assetRow(context: UsdmContext) {
  const t = context.ledger.totals();
  return {
    asset: context.ledger.asset,
    walletBalance: formatAtoms(t.walletBalance),
    unrealizedProfit: formatAtoms(t.unrealizedProfit),
    marginBalance: formatAtoms(t.marginBalance),
    maintMargin: formatAtoms(t.maintMargin),
    initialMargin: formatAtoms(t.initialMargin),
    positionInitialMargin: formatAtoms(t.positionInitialMargin),
    openOrderInitialMargin: formatAtoms(t.openOrderInitialMargin),
    crossWalletBalance: formatAtoms(t.walletBalance),
    crossUnPnl: formatAtoms(t.unrealizedProfit),
    availableBalance: formatAtoms(t.availableBalance),
    maxWithdrawAmount: formatAtoms(minAtoms(t.availableBalance, t.walletBalance)),
    marginAvailable: true,
    // ccxt skips an asset whose updateTime is 0 (never used).
    updateTime: context.engine.now(),
  };
}

/** Symbols with a position or an open order, as v3 lists them. */
function activeSymbols(context: UsdmContext, request: VenueRequest): string[] {
  const only = request.params.has("symbol") ? knownSymbol(request, context) : undefined;
  const open = new Set(
    context.engine
      .orders()
      .filter((o) => isOpenStatus(o.status))
      .map((o) => o.symbol),
  );
  return [...context.filters.keys()]
    .filter((s) => only === undefined || s === only)
    .filter((s) => context.ledger.position(s).amount !== 0n || open.has(s))
    .sort();
}

function orderMarginOf(context: UsdmContext, symbol: string) {
  let margin = 0n;
  let bid = 0n;
  let ask = 0n;
  for (const o of context.engine.orders()) {
    if (o.symbol !== symbol || !isOpenStatus(o.status)) continue;
    margin += o.locked;
    const notional = mulAtoms(o.price, o.origQty - o.executedQty);
    if (o.side === "BUY") bid += notional;
    else ask += notional;
  }
  return { margin, bid, ask };
}

/** One `GET /fapi/v3/positionRisk` row (one-way mode: positionSide BOTH). */
function positionRow(context: UsdmContext, symbol: string, v2: boolean) {
  const account = context.ledger;
  const position = account.position(symbol);
  const orders = orderMarginOf(context, symbol);
  const positionMargin = account.positionMargin(symbol);
  const row: Record<string, unknown> = {
    symbol,
    positionSide: "BOTH",
    positionAmt: formatAtoms(position.amount),
    entryPrice: formatAtoms(position.entryPrice),
    // Fees are not folded in: the break-even shown is the entry.
    breakEvenPrice: formatAtoms(position.entryPrice),
    markPrice: formatAtoms(account.markOf(symbol)),
    unRealizedProfit: formatAtoms(account.unrealizedProfit(symbol)),
    // No liquidation is modelled.
    liquidationPrice: "0",
    isolatedMargin: "0",
    notional: formatAtoms(account.notional(symbol)),
    marginAsset: account.asset,
    isolatedWallet: "0",
    initialMargin: formatAtoms(positionMargin + orders.margin),
    maintMargin: formatAtoms(account.maintMargin(symbol)),
    positionInitialMargin: formatAtoms(positionMargin),
    openOrderInitialMargin: formatAtoms(orders.margin),
    adl: 0,
    bidNotional: formatAtoms(orders.bid),
    askNotional: formatAtoms(orders.ask),
    updateTime: position.updateTime,
  };
  if (v2) {
    row.leverage = String(account.leverageOf(symbol));
    row.marginType = "cross";
    row.isAutoAddMargin = "false";
    row.maxNotionalValue = String(NOTIONAL_CAP);
  }
  return row;
}

function account(request: VenueRequest, context: UsdmContext, v2: boolean) {
  const t = context.ledger.totals();
  const symbols = activeSymbols(context, request);
  return ok({
    feeTier: 0,
    canTrade: true,
    canDeposit: true,
    canWithdraw: true,
    multiAssetsMargin: false,
    tradeGroupId: -1,
    updateTime: 0,
    totalInitialMargin: formatAtoms(t.initialMargin),
    totalMaintMargin: formatAtoms(t.maintMargin),
    totalWalletBalance: formatAtoms(t.walletBalance),
    totalUnrealizedProfit: formatAtoms(t.unrealizedProfit),
    totalMarginBalance: formatAtoms(t.marginBalance),
    totalPositionInitialMargin: formatAtoms(t.positionInitialMargin),
    totalOpenOrderInitialMargin: formatAtoms(t.openOrderInitialMargin),
    totalCrossWalletBalance: formatAtoms(t.walletBalance),
    totalCrossUnPnl: formatAtoms(t.unrealizedProfit),
    availableBalance: formatAtoms(t.availableBalance),
    maxWithdrawAmount: formatAtoms(minAtoms(t.availableBalance, t.walletBalance)),
    assets: [assetRow(context)],
    positions: symbols.map((symbol) => {
      const row = positionRow(context, symbol, v2);
      return {
        symbol,
        positionSide: "BOTH",
        positionAmt: row.positionAmt,
        unrealizedProfit: row.unRealizedProfit,
        isolatedMargin: "0",
        notional: row.notional,
        isolatedWallet: "0",
        initialMargin: row.initialMargin,
        maintMargin: row.maintMargin,
        updateTime: row.updateTime,
        ...(v2 ? { entryPrice: row.entryPrice, leverage: row.leverage, isolated: false } : {}),
      };
    }),
  });
}

function balance(context: UsdmContext) {
  const row = assetRow(context);
  return ok([
    {
      accountAlias: "SgsR",
      asset: row.asset,
      balance: row.walletBalance,
      crossWalletBalance: row.crossWalletBalance,
      crossUnPnl: row.crossUnPnl,
      availableBalance: row.availableBalance,
      maxWithdrawAmount: row.maxWithdrawAmount,
      marginAvailable: true,
      updateTime: row.updateTime,
    },
  ]);
}

function positionRisk(request: VenueRequest, context: UsdmContext, v2: boolean) {
  // v2 lists every symbol; v3 only those with a position or an open order.
  const symbols = v2
    ? [...context.filters.keys()].filter(
        (s) => !request.params.has("symbol") || s === request.params.get("symbol"),
      )
    : activeSymbols(context, request);
  return ok(symbols.map((symbol) => positionRow(context, symbol, v2)));
}

/** Signed fapi account endpoints: account, balance, positions, leverage, margin type, position mode, listen keys. */
export const usdmAccountRoutes: Readonly<Record<string, Route<UsdmContext>>> = {
  "GET /fapi/v2/account": { security: "SIGNED", handle: (r, c) => account(r, c, true) },
  "GET /fapi/v3/account": { security: "SIGNED", handle: (r, c) => account(r, c, false) },
  "GET /fapi/v2/balance": { security: "SIGNED", handle: (_r, c) => balance(c) },
  "GET /fapi/v3/balance": { security: "SIGNED", handle: (_r, c) => balance(c) },
  "GET /fapi/v2/positionRisk": { security: "SIGNED", handle: (r, c) => positionRisk(r, c, true) },
  "GET /fapi/v3/positionRisk": { security: "SIGNED", handle: (r, c) => positionRisk(r, c, false) },
  "GET /fapi/v1/leverageBracket": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbols = request.params.has("symbol")
        ? [knownSymbol(request, context)]
        : [...context.filters.keys()];
      const rows = symbols.map((symbol) => ({
        symbol,
        notionalCoef: 1,
        brackets: [
          {
            bracket: 1,
            initialLeverage: MAX_LEVERAGE,
            notionalCap: NOTIONAL_CAP,
            notionalFloor: 0,
            maintMarginRatio: Number(formatAtoms(context.ledger.maintMarginRate)),
            cum: 0,
          },
        ],
      }));
      return ok(request.params.has("symbol") ? rows[0] : rows);
    },
  },
  "POST /fapi/v1/leverage": {
    security: "SIGNED",
    handle: (request, context) => {
      const symbol = knownSymbol(request, context);
      const text = required(request.params, "leverage");
      const leverage = Number(text);
      if (!/^\d{1,3}$/.test(text) || leverage < 1 || leverage > MAX_LEVERAGE)
        throw usdmReject.invalidLeverage(text);
      context.ledger.setLeverage(symbol, leverage);
      return ok({ leverage, maxNotionalValue: String(NOTIONAL_CAP), symbol });
    },
  },
  "POST /fapi/v1/marginType": {
    security: "SIGNED",
    handle: (request, context) => {
      knownSymbol(request, context);
      const marginType = required(request.params, "marginType");
      // Cross margin is the only mode modelled: asking for it again is Binance's -4046; isolated is refused.
      if (marginType === "CROSSED") throw usdmReject.noNeedToChangeMarginType();
      throw usdmReject.marginTypeNotModelled();
    },
  },
  "GET /fapi/v1/positionSide/dual": {
    security: "SIGNED",
    handle: () => ok({ dualSidePosition: false }),
  },
  "POST /fapi/v1/positionSide/dual": {
    security: "SIGNED",
    handle: (request) => {
      if (required(request.params, "dualSidePosition") === "false")
        throw usdmReject.noNeedToChangePositionSide();
      throw usdmReject.hedgeModeNotModelled();
    },
  },
  "POST /fapi/v1/listenKey": {
    security: "USER_STREAM",
    handle: (_request, context) => {
      // fapi keeps one key per account: asked again, it answers the live one.
      const listenKey = [...context.listenKeys][0] ?? randomBytes(32).toString("base64url").slice(0, 64);
      context.listenKeys.add(listenKey);
      return ok({ listenKey });
    },
  },
  "PUT /fapi/v1/listenKey": {
    security: "USER_STREAM",
    handle: (_request, context) => {
      // PUT renews the account's key; -1125 once it is gone (a restart).
      const key = [...context.listenKeys][0];
      if (key === undefined) throw reject.listenKeyUnknown();
      return ok({ listenKey: key });
    },
  },
  "DELETE /fapi/v1/listenKey": {
    security: "USER_STREAM",
    handle: (_request, context) => {
      context.listenKeys.clear();
      return ok({});
    },
  },
};
