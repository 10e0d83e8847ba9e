import type { BrokerOrder, OrderStatus, OrderType } from "@candlewick/core";
import type { Order } from "ccxt";
import type { VenueProfile } from "./venue-profile.js";

const STATUS: Readonly<Record<string, OrderStatus>> = {
  open: "open",
  closed: "filled",
  canceled: "cancelled",
  cancelled: "cancelled",
  expired: "expired",
  rejected: "rejected",
};

/** What the broker knows of an order besides what the venue answered. */
export interface KnownOrder {
  /** Ours: a cancel's answer carries the cancel's own client id, and some answers carry none. */
  readonly clientOrderId?: string;
  /** The symbol as the caller wrote it (`BTCUSDT` or `BTC/USDT`). */
  readonly symbol: string;
  /** The type we asked for, when we placed it. */
  readonly type?: OrderType;
  readonly now: number;
}

/**
 * A ccxt order as the contract's `BrokerOrder`. The order type comes from the venue's own name for it (`info.type`,
 * e.g. Binance's STOP_LOSS_LIMIT), since ccxt's unified `type` folds stops into `market`/`limit`; the status from
 * ccxt's (`closed` is filled: an order cancelled after a partial fill is `canceled`).
 */
export function mapCcxtOrder(order: Order, known: KnownOrder, profile: VenueProfile): BrokerOrder {
  const venueType = typeof order.info?.type === "string" ? order.info.type : undefined;
  const type = known.type ?? (venueType === undefined ? undefined : profile.orderTypes[venueType]);
  const filled = order.filled ?? 0;
  const price = positive(order.price);
  const triggerPrice = positive(order.triggerPrice);
  const resolvedType = type ?? (order.type === "market" ? "market" : "limit");
  return {
    clientOrderId: known.clientOrderId ?? order.clientOrderId ?? "",
    venueOrderId: String(order.id),
    symbol: known.symbol,
    side: order.side === "sell" ? "sell" : "buy",
    type: resolvedType,
    status: STATUS[order.status ?? ""] ?? "open",
    quantity: order.amount ?? 0,
    filledQuantity: filled,
    averagePrice: filled > 0 ? (positive(order.average) ?? null) : null,
    ...(price !== undefined && hasLimitPrice(resolvedType) ? { price } : {}),
    ...(triggerPrice !== undefined ? { triggerPrice } : {}),
    updatedAt: order.lastUpdateTimestamp ?? order.timestamp ?? known.now,
  };
}

/** Order types that rest at a limit price. */
export function hasLimitPrice(type: OrderType): boolean {
  return type === "limit" || type === "stop_limit" || type === "take_profit_limit";
}

/** Order types that wait for a trigger price. */
export function hasTrigger(type: OrderType): boolean {
  return type !== "market" && type !== "limit";
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
