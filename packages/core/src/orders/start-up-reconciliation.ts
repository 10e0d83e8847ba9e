import type { Broker } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import type { OrderJournal } from "./order-journal.js";
import type { ProtectionPlan } from "./protection-plan.js";
import { type ProtectionReport, syncProtections } from "./protective-orders.js";
import { assertReconciled, type ReconciliationReport, reconcileOrders } from "./reconcile-orders.js";
import type { sendIntents } from "./send-intents.js";

/** What the start-up pass needs besides the broker and the journal. */
export interface StartUpOptions {
  readonly symbol: string;
  readonly prefix: string;
  readonly plan: ProtectionPlan;
  /** The rails in front of every send (as in a tick); none: every intent may leave. */
  readonly guard?: Parameters<typeof sendIntents>[3];
}

/** What the start-up pass did: the protections' passes around the reconciliation. */
export interface StartUpReport {
  /** The protections of the restored signal, before any market leg (cancelled first when an exit is due). */
  readonly protections: ProtectionReport;
  readonly reconciliation: ReconciliationReport;
  /** The protections of what the reconciliation's sends opened or changed (placed again for what is left). */
  readonly after: ProtectionReport;
}

/**
 * The start-up reconciliation of a run (`LiveOrderFlow.reconcile`), in the order a tick sends in (protections,
 * market legs, protections):
 *
 * 1. the protections of the restored signal (`current`) are brought in line, polling each resting one: a stop
 *    whose signal has an exit to send is cancelled (or found filled: the exit is adopted);
 * 2. `reconcileOrders`: intents resolved by client id and the pending ones sent, orphans cancelled, positions
 *    checked (throws `RECONCILIATION_FAILED` on what it cannot explain);
 * 3. the protections again, for what those sends left.
 *
 * An exit the killed process had decided but not sent waits while its signal's stop may rest (`sendIntents`), so
 * with the reconciliation first it went only at the first tick: a take-profit rung filled a minute later than in
 * the uninterrupted run after a kill around a stop, and a close sent after another signal's entry came to the
 * venue in the other order (the order-crash test with resting stops).
 */
export async function reconcileAtStart(
  broker: Broker,
  journal: OrderJournal,
  current: SignalRow | null,
  save: () => Promise<void>,
  options: StartUpOptions,
): Promise<StartUpReport> {
  const { plan, prefix, symbol } = options;
  const protections = await syncProtections(broker, journal, current, save, { plan, poll: true });
  const reconciliation = await reconcileOrders(broker, journal, [symbol], save, prefix, options.guard);
  assertReconciled(broker.brokerName, reconciliation);
  const after = await syncProtections(broker, journal, current, save, { plan, poll: false });
  return { protections, reconciliation, after };
}
