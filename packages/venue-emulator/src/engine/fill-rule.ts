import type { Atoms } from "./decimal.js";
import type { OrderSide, OrderType } from "./venue-order.js";

/**
 * The price rules of the matching engine, one candle at a time (the README's "Fill rule" section). Pure
 * functions over atoms so they are tested on their own.
 */

/** Whether a stop order of this type and side triggers on a rise to its stop price (else on a fall). */
export function triggersOnRise(type: OrderType, side: OrderSide): boolean {
  const stopLoss = type === "STOP_LOSS" || type === "STOP_LOSS_LIMIT";
  return stopLoss ? side === "BUY" : side === "SELL";
}

/** Whether a stop at `stop` would already be triggered with the market at `price`. */
export function isTriggeredAt(type: OrderType, side: OrderSide, stop: Atoms, price: Atoms): boolean {
  return triggersOnRise(type, side) ? price >= stop : price <= stop;
}

/**
 * The price at which a stop triggers inside a candle, or undefined: the open when the candle opens through the
 * stop (a gap), else the stop itself when the high (rise) or low (fall) reaches it.
 */
export function triggerPriceIn(
  type: OrderType,
  side: OrderSide,
  stop: Atoms,
  open: Atoms,
  high: Atoms,
  low: Atoms,
): Atoms | undefined {
  if (triggersOnRise(type, side)) {
    if (open >= stop) return open;
    return high >= stop ? stop : undefined;
  }
  if (open <= stop) return open;
  return low <= stop ? stop : undefined;
}

/** Whether a limit order would take liquidity with the market at `price` (a buy at or above, a sell at or below). */
export function isMarketable(side: OrderSide, limit: Atoms, price: Atoms): boolean {
  return side === "BUY" ? limit >= price : limit <= price;
}

/** Whether a resting limit order is reached by a candle: its low (buy) or high (sell) touches the limit. */
export function limitReachedIn(side: OrderSide, limit: Atoms, high: Atoms, low: Atoms): boolean {
  return side === "BUY" ? low <= limit : high >= limit;
}

/** `price` moved against the taker by `bps` basis points, rounded to the tick away from the taker. */
export function slippedPrice(side: OrderSide, price: Atoms, bps: number, tick: Atoms): Atoms {
  if (bps === 0) return price;
  const shift = (price * BigInt(Math.round(bps * 100))) / 1_000_000n;
  const moved = side === "BUY" ? price + shift : price - shift;
  if (tick === 0n) return moved;
  const down = (moved / tick) * tick;
  return side === "BUY" && down < moved ? down + tick : down;
}
