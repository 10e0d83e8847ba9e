import type { PositionFill } from "../../spec/position.js";
import type { SignalPosition } from "../../spec/signal.js";
import { exitGain } from "./position-fill.js";

/** What a position's fills add up to, booked the way the runner books them one by one. */
export interface FillsBook {
  /** Base quantity still held. */
  readonly quantity: number;
  /** Cost basis still held (quote). */
  readonly basis: number;
  /** Σ realised gains − Σ fees (quote). */
  readonly realized: number;
  /** Σ fees (quote). */
  readonly fees: number;
  /** Quantity-weighted raw price of the entries (0 without any). */
  readonly priceOpen: number;
}

/**
 * Books `entries` and `exits` in time order (at one instant entries first), with the operations and order of the
 * runner's own `open` / `averageBuy` / `exit`: each exit releases the average basis of what it sells. So the
 * book of a row's unchanged fills equals what the runner and its account hold, and the book of amended fills
 * (venue fills, live with a broker) tells the account what to change. Not on the per-candle path.
 */
export function replayFills(
  position: SignalPosition,
  entries: readonly PositionFill[],
  exits: readonly PositionFill[],
): FillsBook {
  let quantity = 0;
  let basis = 0;
  let realized = 0;
  let fees = 0;
  let priceOpen = 0;
  let entered = 0;
  let e = 0;
  let x = 0;
  while (e < entries.length || x < exits.length) {
    const entry = entries[e];
    const exit = exits[x];
    if (entry !== undefined && (exit === undefined || entry.timestamp <= exit.timestamp)) {
      // As `averageBuy`: weighted by every unit entered so far, not by what partial exits left.
      if (e === 0) priceOpen = entry.price;
      else if (entered + entry.quantity > 0) {
        priceOpen = (priceOpen * entered + entry.price * entry.quantity) / (entered + entry.quantity);
      }
      entered += entry.quantity;
      quantity += entry.quantity;
      basis += entry.value;
      realized -= entry.fee;
      fees += entry.fee;
      e++;
    } else {
      const fill = exit!;
      if (quantity > 0 && fill.quantity > 0) {
        const released = (basis / quantity) * fill.quantity;
        realized += exitGain(position, basis, quantity, fill.fillPrice, fill.quantity);
        basis -= released;
        quantity -= fill.quantity;
      }
      realized -= fill.fee;
      fees += fill.fee;
      x++;
    }
  }
  return { quantity, basis, realized, fees, priceOpen };
}
