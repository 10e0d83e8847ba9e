import { BrokerError } from "../errors/broker-error.js";
import type { Broker, BrokerFill, BrokerOrder } from "../spec/broker.js";
import { isExitLeg, isProtectiveLeg, type OrderIntent, owesFills } from "./order-intent.js";
import type { OrderJournal } from "./order-journal.js";

/** What one pass over the journal did, for the run's log and tests. */
export interface SendReport {
  readonly sent: number;
  readonly adopted: number;
  readonly filled: number;
  readonly rejected: OrderIntent[];
  /** Intents whose outcome is still unknown after this pass (a transient failure and a lookup that failed too). */
  readonly unknown: number;
  /** The transient failures of this pass, one per intent whose send or lookup failed (for `UnresolvedIntents`). */
  readonly transient: readonly TransientFailure[];
}

/** An intent whose call failed with an unknown outcome (timeout, network, 5xx, 429) in this pass. */
export interface TransientFailure {
  readonly intent: OrderIntent;
  readonly error: BrokerError;
}

/**
 * Collects the fills the journal owes (`owesFills`), then carries out the journal's unsettled intents, oldest first, writing the journal (`save`) at every step that
 * changes what a restart must know: before a send (the intent is `sent`: it may be at the venue from now on),
 * after each answer, after each fill.
 *
 * An intent whose send failed transiently is never sent again blindly: it is looked up by its client order id
 * first, and adopted if the venue has it; only a lookup that finds nothing sends it again (on the next pass). A
 * rejection is final: the intent keeps the venue's reason and is not retried. Fills are taken from the venue's
 * executions, each once by fill id. A signal's legs go strictly in order: a later leg waits until the one before it
 * has filled (a close never overtakes the entry it closes; found by the 429-storm test). `guard` (the safety
 * rails) may stop an intent before it leaves: it is then rejected with the rail's reason, never sent.
 *
 * Protections (stop and target legs) are not sent here: `syncProtections` places and cancels them. An exit leg
 * waits while a protection of its signal may rest on the venue: on spot the resting sell locks the base, and the
 * exit must never sell what the stop may sell too.
 */
export async function sendIntents(
  broker: Broker,
  journal: OrderJournal,
  save: () => Promise<void>,
  guard?: (intent: OrderIntent) => { readonly rail: string; readonly reason: string } | null,
): Promise<SendReport> {
  let sent = 0;
  let adopted = 0;
  let filled = 0;
  let unknown = 0;
  const rejected: OrderIntent[] = [];
  // Orders the venue ended whose fills were never recorded (a kill right after the answer's write, a fetch that
  // failed): collected first, or the row keeps the fill model's quantity for that leg for good (the order crash
  // test's close bought 0.00056 for 0.00057 after a rung's fills were lost so).
  for (const intent of journal.all()) {
    if (isProtectiveLeg(intent.leg) || !owesFills(intent)) continue;
    const before = intent.fills.length;
    await collectFills(broker, intent);
    if (intent.fills.length > before) {
      filled++;
      await save();
    }
  }
  const transient: TransientFailure[] = [];
  // A signal's legs go in order: an exit is never sent while its entry's outcome is unknown.
  const blocked = new Set<string>();
  for (const intent of journal.unsettled()) {
    if (isProtectiveLeg(intent.leg) || blocked.has(intent.signalId)) continue;
    blocked.add(intent.signalId);
    if (isExitLeg(intent.leg) && journal.hasLiveProtection(intent.signalId)) continue;
    const { symbol } = intent.request;
    if (intent.status === "sent") {
      // Sent before, outcome unknown (a crash or a lost answer): ask the venue, by our id.
      let found: BrokerOrder | null;
      try {
        found = await broker.fetchOrder(symbol, intent.clientOrderId);
      } catch (error) {
        if (isTransient(error)) {
          unknown++;
          transient.push({ intent, error: error as BrokerError });
          continue;
        }
        throw error;
      }
      if (found === null) {
        intent.status = "pending";
      } else {
        adopt(intent, found);
        adopted++;
      }
      await save();
    }
    if (intent.status === "pending") {
      const stopped = guard?.(intent) ?? null;
      if (stopped !== null) {
        intent.status = "rejected";
        intent.rejection = { reason: stopped.rail, message: stopped.reason };
        rejected.push(intent);
        await save();
        continue;
      }
      intent.status = "sent";
      intent.attempts++;
      await save();
      try {
        adopt(intent, await broker.createOrder(intent.request));
        sent++;
      } catch (error) {
        const failure = brokerFailure(error);
        if (failure?.kind === "rejected") {
          if (failure.reason === "duplicate_order") {
            // Ours already: an earlier send got there. Look it up on the next pass.
            unknown++;
            continue;
          }
          intent.status = "rejected";
          intent.rejection = { reason: failure.reason, message: failure.message };
          rejected.push(intent);
          await save();
          continue;
        }
        if (isTransient(error)) {
          unknown++;
          transient.push({ intent, error: error as BrokerError });
          continue;
        }
        throw error;
      }
      await save();
    }
    if (intent.status === "open" || intent.status === "filled") {
      const before = intent.fills.length;
      await collectFills(broker, intent);
      if (intent.fills.length > before) {
        // A resting leg whose executions add up to its quantity is done: kept `open`, it held the signal's next
        // leg back until a lookup read the venue's status (partial-fills test on the emulator).
        if (intent.status === "open" && filledInFull(intent)) {
          intent.status = "filled";
          intent.filledQuantity = filledSum(intent);
        }
        filled++;
        await save();
      }
    }
    if (intent.status === "filled") blocked.delete(intent.signalId);
  }
  return { sent, adopted, filled, rejected, unknown, transient };
}

/** The base quantity the intent's recorded executions add up to. */
function filledSum(intent: OrderIntent): number {
  let sum = 0;
  for (const fill of intent.fills) sum += fill.quantity;
  return sum;
}

/** True when the recorded executions cover the order's whole quantity (to a float's rounding). */
function filledInFull(intent: OrderIntent): boolean {
  return filledSum(intent) >= intent.request.quantity * (1 - 1e-9);
}

/** Takes the venue's view of the intent's order: its venue id and where it is. */
export function adopt(intent: OrderIntent, order: BrokerOrder): void {
  intent.venueOrderId = order.venueOrderId;
  intent.filledQuantity = order.filledQuantity;
  intent.status =
    order.status === "filled"
      ? "filled"
      : order.status === "open"
        ? "open"
        : order.status === "rejected"
          ? "rejected"
          : "cancelled";
}

/** Adds the venue's executions of the intent's order that it does not have yet. */
export async function collectFills(broker: Broker, intent: OrderIntent): Promise<void> {
  const since = intent.fills.length > 0 ? intent.fills[intent.fills.length - 1]!.timestamp : 0;
  let fills: BrokerFill[];
  try {
    fills = await broker.fetchFills(intent.request.symbol, since);
  } catch (error) {
    if (isTransient(error)) return;
    throw error;
  }
  const known = new Set(intent.fills.map((fill) => fill.fillId));
  for (const fill of fills) {
    if (fill.clientOrderId !== intent.clientOrderId || known.has(fill.fillId)) continue;
    intent.fills.push(fill);
    known.add(fill.fillId);
  }
}

/** The error as a broker failure (also from another copy of the package), or undefined for any other error. */
export function brokerFailure(error: unknown): BrokerError | undefined {
  return BrokerError.isInstance(error) && typeof (error as BrokerError).kind === "string"
    ? (error as BrokerError)
    : undefined;
}

/** True for a broker failure whose outcome is unknown (timeout, network, 5xx, 429). */
export function isTransient(error: unknown): boolean {
  return brokerFailure(error)?.kind === "transient";
}
