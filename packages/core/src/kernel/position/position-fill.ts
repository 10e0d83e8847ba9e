import type { EntryReason, ExitReason, PositionFill } from "../../spec/position.js";
import type { SignalPosition } from "../../spec/signal.js";

/** The costs every fill pays, in percent (the run's `percentFee` / `percentSlippage`). */
export interface FillCosts {
  readonly percentFee: number;
  readonly percentSlippage: number;
}

/**
 * A fill of `quantity` at the raw `price`. Slippage always goes against the trader: a long buys higher and sells
 * lower, a short sells lower and buys back higher. The fee is a percentage of the slipped value.
 */
export function makeFill(
  position: SignalPosition,
  side: "entry" | "exit",
  reason: EntryReason | ExitReason,
  timestamp: number,
  price: number,
  quantity: number,
  costs: FillCosts,
): PositionFill {
  const slip = costs.percentSlippage / 100;
  const buys = (position === "long") === (side === "entry");
  const fillPrice = buys ? price * (1 + slip) : price * (1 - slip);
  const value = fillPrice * quantity;
  return {
    side,
    reason,
    timestamp,
    price,
    fillPrice,
    quantity,
    value,
    fee: (value * costs.percentFee) / 100,
  };
}

/**
 * Realised PnL of exiting `quantity` at `exitFillPrice` from a position whose remaining cost basis is `basis` for
 * `held` units, before the exit's fee: the basis released is the average entry fill price × quantity.
 */
export function exitGain(
  position: SignalPosition,
  basis: number,
  held: number,
  exitFillPrice: number,
  quantity: number,
): number {
  const released = (basis / held) * quantity;
  const exitValue = exitFillPrice * quantity;
  return position === "long" ? exitValue - released : released - exitValue;
}
