import type { BrokerFill, OrderRequest } from "../spec/broker.js";
import type { PositionFill } from "../spec/position.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf, type OrderLeg } from "./client-order-id.js";
import { onLotStep } from "./lot-step.js";

/**
 * Where an order intent is: `pending` (decided and persisted, not sent yet, or to be sent again after a lookup
 * found nothing), `sent` (the request may be at the venue: its outcome is not known yet), `open` (acknowledged,
 * resting or partly filled), `filled`, `cancelled` or `rejected` (the venue's reason kept).
 */
export type IntentStatus = "pending" | "sent" | "open" | "filled" | "cancelled" | "rejected";

/** One order the kernel decided on, with everything the venue said about it. JSON, persisted with the run's state. */
export interface OrderIntent {
  readonly clientOrderId: string;
  readonly signalId: string;
  readonly leg: OrderLeg;
  readonly request: OrderRequest;
  status: IntentStatus;
  venueOrderId?: string;
  /** Every execution, each once (by fill id). */
  fills: BrokerFill[];
  /**
   * The quantity the venue said it filled at its last answer (`BrokerOrder.filledQuantity`): the executions are
   * complete once they add up to it (see `owesFills`).
   */
  filledQuantity?: number;
  /** Times it was sent (a resend follows only a lookup that found nothing). */
  attempts: number;
  /** The venue's reason, for a rejected intent. */
  rejection?: { reason: string; message: string };
  /**
   * An exit leg carried out by a resting protection instead of an order of its own: the client order id of the
   * stop or target whose fill closed the position. A close adopted this way is `filled` with copies of that
   * order's fills (counted once, on the protection); a partial exit is `cancelled` (nothing was left to sell).
   */
  filledBy?: string;
}

/** True for the legs that rest on the venue as protections: the stop (`s<n>`) and the target (`t<n>`). */
export function isProtectiveLeg(leg: OrderLeg): leg is Extract<OrderLeg, { kind: "stop" | "take_profit" }> {
  return leg.kind === "stop" || leg.kind === "take_profit";
}

/**
 * True when the venue has said the order ended with executions (filled, or cancelled after partial fills) that
 * the intent does not hold yet: its answer was recorded, then the process died before the fills were (or the
 * fetch failed). Such an intent is not settled: its fills are collected on the next pass, and the row waits for
 * them. A filled intent from a state written before `filledQuantity` was recorded owes fills while it has none.
 * An exit a protection carried out (`filledBy`) holds copies of the protection's fills and owes none itself.
 */
export function owesFills(intent: OrderIntent): boolean {
  if (intent.filledBy !== undefined) return false;
  if (intent.status !== "filled" && intent.status !== "cancelled") return false;
  const venue = intent.filledQuantity;
  if (venue === undefined) return intent.status === "filled" && intent.fills.length === 0;
  let held = 0;
  for (const fill of intent.fills) held += fill.quantity;
  return held < venue * (1 - 1e-9);
}

/** True for the legs that reduce a position: partial exits and the close (not the protections). */
export function isExitLeg(leg: OrderLeg): boolean {
  return leg.kind === "partial_exit" || leg.kind === "close";
}

/** The leg of the i-th entry (or exit) fill of a row: the first entry, DCA adds, partial exits, the final exit. */
export function legOfFill(fill: PositionFill, index: number): OrderLeg {
  if (fill.side === "entry") return index === 0 ? { kind: "entry" } : { kind: "add", n: index };
  const partial =
    fill.reason === "take_profit_ladder" ||
    fill.reason === "partial_profit" ||
    fill.reason === "partial_loss";
  return partial ? { kind: "partial_exit", n: index + 1 } : { kind: "close" };
}

/**
 * The market orders that carry out a row's fills, one per fill, in the order they happened: a long's entries and
 * a short's exits buy, the others sell. Each asks to fill at the fill model's price (`expectedPrice`), which the
 * paper broker honours exactly.
 */
export function intentsOfRow(row: SignalRow, prefix?: string, lotStep: number | null = null): OrderIntent[] {
  const out: { at: number; intent: OrderIntent }[] = [];
  const add = (fill: PositionFill, index: number) => {
    // A leg the venue refused stays in the row as a fill of nothing (its index keeps later legs' ids): no order.
    if (fill.quantity === 0) return;
    const leg = legOfFill(fill, index);
    const clientOrderId = clientOrderIdOf(row.id, leg, prefix);
    const buys = (row.position === "long") === (fill.side === "entry");
    const intent: OrderIntent = {
      clientOrderId,
      signalId: row.id,
      leg,
      request: {
        clientOrderId,
        symbol: row.symbol,
        side: buys ? "buy" : "sell",
        type: "market",
        quantity: onLotStep(fill.quantity, lotStep),
        expectedPrice: fill.fillPrice,
        ...(fill.side === "exit" ? { reduceOnly: true } : {}),
      },
      status: "pending",
      fills: [],
      attempts: 0,
    };
    out.push({ at: fill.timestamp, intent });
  };
  row.entries.forEach(add);
  row.exits.forEach(add);
  // Stable: at one instant the entries (listed first) go before the exits.
  return out.sort((a, b) => a.at - b.at).map((entry) => entry.intent);
}
