import type { BrokerCapabilities, OrderType } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import { onLotStep } from "./lot-step.js";
import { isExitLeg, isProtectiveLeg, type OrderIntent, owesFills } from "./order-intent.js";
import { isLive } from "./order-journal.js";

/** The protections a position can have on the venue: the stop (`s<n>`) and the target (`t<n>`). */
export type ProtectionKind = "stop" | "take_profit";

/** Which protections rest on a venue (see the table in architecture/live.md, "Protective orders"). */
export interface ProtectionPlan {
  readonly stop: boolean;
  readonly takeProfit: boolean;
}

/** The order type each protection rests as. */
export const PROTECTION_ORDER_TYPE = {
  stop: "stop_market",
  take_profit: "take_profit_market",
} as const satisfies Record<ProtectionKind, OrderType>;

/**
 * What rests on a venue with these capabilities: the stop wherever the venue takes `stop_market`; the target
 * only where the venue holds positions and takes `take_profit_market`. On spot both protections are sells of the
 * same base, and the venue locks the base of each resting sell, so the second would be refused (and the contract
 * has no OCO): there the stop rests, since it is what protects a process that is down, and the run closes at the
 * target with a market order when the kernel decides it.
 */
export function protectionPlanOf(capabilities: BrokerCapabilities): ProtectionPlan {
  return {
    stop: capabilities.orderTypes.includes("stop_market"),
    takeProfit: capabilities.positions && capabilities.orderTypes.includes("take_profit_market"),
  };
}

/** One protection as it should rest now: its trigger and the base quantity it closes. */
export interface WantedProtection {
  readonly triggerPrice: number;
  readonly quantity: number;
}

/**
 * The protections a signal should have resting now, by kind, or `"hold"` when they must not change yet.
 *
 * - none when the signal is not an open position of the run (`row` null: closed, or another signal), when an
 *   exit leg of it is unsettled (the protections go first: never sell what a stop may sell too), or when a
 *   protection of it has filled (the position is gone at the venue: the close adopts that fill);
 * - `"hold"` while an entry or DCA add is unsettled (its quantity is not known yet), or while a leg the venue ended
 *   owes its fills (`owesFills`: a restart after a kill between a leg's answer and its fills; a stop placed then was
 *   for the quantity before that leg, and replaced once its fills came: one placement more than without the kill);
 * - otherwise the row's stop and target for the quantity the venue filled (the row's own quantity when they
 *   agree, so it keeps the market's precision), on the market's lot step (`onLotStep`).
 */
export function wantedProtections(
  row: SignalRow | null,
  legs: readonly OrderIntent[],
  plan: ProtectionPlan,
  lotStep: number | null = null,
): Map<ProtectionKind, WantedProtection> | "hold" {
  const wanted = new Map<ProtectionKind, WantedProtection>();
  if (row === null || row.entries.length === 0) return wanted;
  let held = 0;
  for (const intent of legs) {
    if (isProtectiveLeg(intent.leg)) {
      if (intent.fills.length > 0) return wanted;
      continue;
    }
    if (isLive(intent)) {
      if (isExitLeg(intent.leg)) return wanted;
      return "hold";
    }
    if (intent.filledBy !== undefined) continue;
    if (owesFills(intent)) return "hold";
    for (const fill of intent.fills) held += isExitLeg(intent.leg) ? -fill.quantity : fill.quantity;
  }
  const tolerance = 1e-9 * Math.max(1, row.quantity);
  if (held <= tolerance) return wanted;
  // What the venue's fills hold, on the lot step (a float remainder of lots is those lots, not one short).
  const quantity = onLotStep(
    Math.abs(held - row.quantity) <= tolerance ? row.quantity : Number(held.toPrecision(12)),
    lotStep,
  );
  if (plan.stop) wanted.set("stop", { triggerPrice: row.priceStopLoss, quantity });
  if (plan.takeProfit) wanted.set("take_profit", { triggerPrice: row.priceTakeProfit, quantity });
  return wanted;
}
