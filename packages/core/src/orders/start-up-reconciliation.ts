import type { Broker } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import { isExitLeg, type OrderIntent } from "./order-intent.js";
import type { OrderJournal } from "./order-journal.js";
import type { ProtectionPlan } from "./protection-plan.js";
import { type ProtectionReport, syncProtections } from "./protective-orders.js";
import { assertReconciled, type ReconciliationReport, reconcileOrders } from "./reconcile-orders.js";
import { type SendReport, sendIntents } from "./send-intents.js";

/** What the start-up pass needs besides the broker and the journal. */
export interface StartUpOptions {
  readonly symbol: string;
  readonly prefix: string;
  readonly plan: ProtectionPlan;
  /** The rails in front of every send (as in a tick); none: every intent may leave. */
  readonly guard?: Parameters<typeof sendIntents>[3];
}

/** What the start-up pass did: the reconciliation, the protections' pass, and the exits it freed (or null). */
export interface StartUpReport {
  readonly reconciliation: ReconciliationReport;
  readonly protections: ProtectionReport;
  /** The exits sent once the protections' pass let them go, and the protections placed after them; null: none. */
  readonly freed: { readonly exits: SendReport; readonly protections: ProtectionReport } | null;
}

/**
 * The start-up reconciliation of a run (`LiveOrderFlow.reconcile`): `reconcileOrders` (intents resolved by client
 * id, orphans cancelled, positions checked; throws `RECONCILIATION_FAILED` on what it cannot explain), then the
 * protections of the restored signal (`current`) brought in line, polling each resting one.
 *
 * An exit the killed process had decided but not sent waits while its signal's stop may rest (`sendIntents`), so
 * the first pass skips it; when the protections' pass then cancels that stop (or finds it filled), the exit goes
 * in this same pass, followed by the protections for what is left — the order a tick uses (protections, market
 * legs, protections). Sending it only on the next tick filled a take-profit rung a minute later than the
 * uninterrupted run after a kill around a stop (the order-crash test with `ORDER_PROTECTIVE=on`).
 */
export async function reconcileAtStart(
  broker: Broker,
  journal: OrderJournal,
  current: SignalRow | null,
  save: () => Promise<void>,
  options: StartUpOptions,
): Promise<StartUpReport> {
  const { plan, prefix, symbol } = options;
  const reconciliation = await reconcileOrders(broker, journal, [symbol], save, prefix);
  assertReconciled(broker.brokerName, reconciliation);
  const held = heldExits(journal);
  const protections = await syncProtections(broker, journal, current, save, { plan, poll: true });
  if (!held.some((intent) => intent.status === "pending" && !journal.hasLiveProtection(intent.signalId)))
    return { reconciliation, protections, freed: null };
  const exits = await sendIntents(broker, journal, save, options.guard);
  const after = await syncProtections(broker, journal, current, save, { plan, poll: false });
  return { reconciliation, protections, freed: { exits, protections: after } };
}

/** Exit legs not sent yet that wait behind a protection of their signal which may rest (see `sendIntents`). */
export function heldExits(journal: OrderJournal): OrderIntent[] {
  return journal
    .unsettled()
    .filter(
      (intent) =>
        isExitLeg(intent.leg) && intent.status === "pending" && journal.hasLiveProtection(intent.signalId),
    );
}
