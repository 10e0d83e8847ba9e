import type { PositionFill } from "@candlewick/core";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { closeAt } from "./candle-closes.js";
import { MINUTE } from "./venue-run.js";

/** One execution as a test compares it: side, price, quantity, venue time. */
export interface Execution {
  readonly side: "buy" | "sell";
  readonly price: number;
  readonly quantity: number;
  readonly time: number;
}

/** The venue's fills, oldest first, as numbers. */
export function venueExecutions(venue: VenueEmulator, symbol?: string): Execution[] {
  return venue
    .trades()
    .filter((trade) => symbol === undefined || trade.symbol === symbol)
    .map((trade) => ({
      side: trade.isBuyer ? "buy" : "sell",
      price: Number(trade.price),
      quantity: Number(trade.qty),
      time: trade.time,
    }));
}

/**
 * Where a market order sent at tick `tick` fills by the emulator's documented rule (README, "Fill rule"): at once,
 * in full, at the close of the candle that opened a minute before the tick, stamped with the tick.
 */
export function marketFillAt(csv: string, side: "buy" | "sell", quantity: number, tick: number): Execution {
  return { side, price: closeAt(csv, tick - MINUTE), quantity, time: tick };
}

/** A long's fills as the venue's market orders: an entry buys, an exit sells, each at the tick that decided it. */
export function fillAsOrder(fill: PositionFill): { side: "buy" | "sell"; quantity: number; tick: number } {
  return {
    side: fill.side === "entry" ? "buy" : "sell",
    // The quantity the kernel meant: a remainder summed in floats (0.0044 + 0.0015 = 0.005900000000000001) is
    // that decimal, which the venue must get whole, not truncated a lot step short.
    quantity: Number(fill.quantity.toFixed(8)),
    // A fill decided inside a minute (a stop touched) is known, and sent, at that minute's close: the next tick.
    tick: Math.ceil(fill.timestamp / MINUTE) * MINUTE,
  };
}

/** A decimal with at most 8 decimals as an integer of 1e-8. */
const atoms = (value: number): bigint => BigInt(Math.round(value * 1e8));
/** `a × b / 1e8` rounded half up: the product of two 1e-8 amounts, back in 1e-8. */
const mulAtoms = (a: bigint, b: bigint): bigint => (a * b + 50_000_000n) / 100_000_000n;

/** The venue's commission on one fill: `feeRate` of price × quantity, rounded half up to 1e-8 (its README). */
export function commissionOf(price: number, quantity: number, feeRate = 0.001): number {
  return Number(mulAtoms(mulAtoms(atoms(price), atoms(quantity)), atoms(feeRate))) / 1e8;
}

/**
 * The quote balance after `executions` from `initial`, with the venue's commission in quote (`feeRate` of the
 * value, rounded half up to 1e-8 per fill), worked in integers of 1e-8 so no float error accrues.
 */
export function quoteAfter(initial: number, executions: readonly Execution[], feeRate = 0.001): number {
  let balance = atoms(initial);
  for (const { side, price, quantity } of executions) {
    const value = mulAtoms(atoms(price), atoms(quantity));
    const fee = mulAtoms(value, atoms(feeRate));
    balance += side === "buy" ? -value - fee : value - fee;
  }
  return Number(balance) / 1e8;
}

/** The base balance after `executions` (buys add, sells take away), in integers of 1e-8. */
export function baseAfter(executions: readonly Execution[]): number {
  let balance = 0n;
  for (const { side, quantity } of executions) balance += side === "buy" ? atoms(quantity) : -atoms(quantity);
  return Number(balance) / 1e8;
}
