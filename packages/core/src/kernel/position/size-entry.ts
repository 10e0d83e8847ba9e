import type { SignalPosition } from "../../spec/signal.js";
import type { Sizing } from "../../spec/sizing.js";
import type { FillCosts } from "./position-fill.js";

/** What sizing a new entry needs to know. */
export interface SizeRequest {
  readonly position: SignalPosition;
  /** The raw price the entry is expected at: the market price, or the limit price of a scheduled entry. */
  readonly entryPrice: number;
  readonly priceStopLoss: number;
  /** From the signal; they win over `sizing`. */
  readonly cost: number | undefined;
  readonly quantity: number | undefined;
  readonly sizing: Sizing;
  /** The account's equity at the decision (quote); read by equity-based sizing only (NaN when the caller knows it is unused). */
  readonly equity: number;
  readonly costs: FillCosts;
}

/**
 * Loss per unit of a position entered at `entry` and stopped out at `stop`, with slippage on both fills and the
 * fee on both values: a long pays entry·(1+s)·(1+f) and gets stop·(1−s)·(1−f) back; a short the mirror.
 */
export function stopLossPerUnit(
  position: SignalPosition,
  entry: number,
  stop: number,
  costs: FillCosts,
): number {
  const s = costs.percentSlippage / 100;
  const f = costs.percentFee / 100;
  return position === "long"
    ? entry * (1 + s) * (1 + f) - stop * (1 - s) * (1 - f)
    : stop * (1 + s) * (1 + f) - entry * (1 - s) * (1 - f);
}

/**
 * The base quantity of a new entry, before the exchange's `formatQuantity`: the signal's `quantity`, else its
 * `cost` at the slipped entry price, else the sizing rule (a cost is what the entry's value will be, fees aside).
 */
export function entryQuantity(request: SizeRequest): number {
  const { position, entryPrice, costs } = request;
  if (request.quantity !== undefined) return request.quantity;
  const slip = costs.percentSlippage / 100;
  const fillPrice = position === "long" ? entryPrice * (1 + slip) : entryPrice * (1 - slip);
  if (request.cost !== undefined) return request.cost / fillPrice;
  const { sizing } = request;
  switch (sizing.kind) {
    case "fixed-cost":
      return sizing.cost / fillPrice;
    case "equity-fraction":
      return (sizing.fraction * request.equity) / fillPrice;
    case "risk":
      return (
        (sizing.fraction * request.equity) /
        stopLossPerUnit(position, entryPrice, request.priceStopLoss, costs)
      );
  }
}
