import type { Atoms } from "./decimal.js";

export type OrderSide = "BUY" | "SELL";
/** The spot order types the emulator matches (Binance's names). */
export type OrderType =
  | "MARKET"
  | "LIMIT"
  | "LIMIT_MAKER"
  | "STOP_LOSS"
  | "STOP_LOSS_LIMIT"
  | "TAKE_PROFIT"
  | "TAKE_PROFIT_LIMIT";
/** GTX (USDⓈ-M): post-only, expired instead of taking. */
export type TimeInForce = "GTC" | "IOC" | "FOK" | "GTX";
export type OrderStatus = "NEW" | "PARTIALLY_FILLED" | "FILLED" | "CANCELED" | "EXPIRED";

/** A validated new-order request, amounts in atoms (see `decimal.ts`). */
export interface NewOrder {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce | undefined;
  /** 0n when the order was given as `quoteOrderQty` (a MARKET order). */
  readonly quantity: Atoms;
  readonly quoteOrderQty: Atoms;
  readonly price: Atoms;
  readonly stopPrice: Atoms;
  readonly clientOrderId: string;
  /** USDⓈ-M: the order may only reduce the position (spot: always false). */
  readonly reduceOnly: boolean;
}

/** One fill, as Binance's myTrades reports it. */
export interface VenueTrade {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly price: Atoms;
  readonly qty: Atoms;
  readonly quoteQty: Atoms;
  readonly commission: Atoms;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
  /** USDⓈ-M: the PnL this fill realised on the position (spot: 0). */
  readonly realizedPnl: Atoms;
}

/** An order at the venue. Mutable inside the engine only; everything outside reads snapshots. */
export interface VenueOrder extends NewOrder {
  readonly orderId: number;
  /** Quantity ordered: `quantity`, or what `quoteOrderQty` bought or sold. */
  origQty: Atoms;
  executedQty: Atoms;
  cummulativeQuoteQty: Atoms;
  status: OrderStatus;
  readonly time: number;
  updateTime: number;
  /** When the order started working on the book (a stop order: when it triggered); -1 before. */
  workingTime: number;
  /** A stop order that triggered and now rests (or filled) as its limit or market order. */
  triggered: boolean;
  /** What the order still reserves, in `lockAsset` (quote for a buy, base for a sell). */
  locked: Atoms;
  readonly lockAsset: string;
  readonly fills: VenueTrade[];
}

export const isStopType = (type: OrderType): boolean =>
  type === "STOP_LOSS" ||
  type === "STOP_LOSS_LIMIT" ||
  type === "TAKE_PROFIT" ||
  type === "TAKE_PROFIT_LIMIT";

export const isOpenStatus = (status: OrderStatus): boolean =>
  status === "NEW" || status === "PARTIALLY_FILLED";
