import type { PositionFill } from "../../spec/position.js";
import type { SignalPosition } from "../../spec/signal.js";

/** Quote-currency totals of a closed position's fills. */
export interface PositionTotals {
  /** Σ exit value − Σ entry value (a long; the reverse for a short) − Σ fees. */
  readonly pnlCost: number;
  readonly fees: number;
  /** Σ entry value. */
  readonly invested: number;
  /** pnlCost / invested × 100. */
  readonly pnlPercentage: number;
}

/**
 * The result of a position from its fills alone. With one entry and one exit of the same quantity this is
 * exactly `computePnlPercentage` (a tested identity): (C−O)/O·100 − fee%·(1 + C/O) with slipped O and C.
 */
export function positionTotals(
  position: SignalPosition,
  entries: readonly PositionFill[],
  exits: readonly PositionFill[],
): PositionTotals {
  let invested = 0;
  let exited = 0;
  let fees = 0;
  for (const fill of entries) {
    invested += fill.value;
    fees += fill.fee;
  }
  for (const fill of exits) {
    exited += fill.value;
    fees += fill.fee;
  }
  const gross = position === "long" ? exited - invested : invested - exited;
  const pnlCost = gross - fees;
  return { pnlCost, fees, invested, pnlPercentage: invested > 0 ? (pnlCost / invested) * 100 : 0 };
}
