/**
 * Whether a kill landed inside a cancel-and-replace of a resting protection (a trailing or breakeven move, or the
 * stop resized after a partial exit): read from the state the killed child left and the venue's order statuses,
 * since a kill right after the cancel reached the venue (its answer lost, or not recorded yet) leaves the state
 * saying the old stop is still open.
 */
import type { LiveState, OrderIntent } from "@candlewick/core";

/** The venue's status of an order by client id (`NEW`, `CANCELED`, `FILLED`, …), undefined when it has none. */
export type VenueStatusOf = (clientOrderId: string) => string | undefined;

/**
 * True when the open position's protection of some kind is between its cancel and its replacement: its latest
 * placement is cancelled (in the state or at the venue) with no successor yet, or its successor is decided or sent
 * but not acknowledged while an earlier one was cancelled. A position being closed (its row no longer open) is not
 * a replacement, nor is a protection that filled.
 */
export function killedMidReplacement(state: LiveState | null, venueStatus: VenueStatusOf): boolean {
  const row = state?.runner.signal ?? null;
  if (state === null || row === null || state.runner.phase !== "opened") return false;
  const protections = (state.orders ?? []).filter(
    (intent) =>
      intent.signalId === row.id && (intent.leg.kind === "stop" || intent.leg.kind === "take_profit"),
  );
  for (const kind of ["stop", "take_profit"] as const) {
    const ofKind = protections
      .filter((intent) => intent.leg.kind === kind)
      .sort((a, b) => placement(a) - placement(b));
    const last = ofKind.at(-1);
    if (last === undefined) continue;
    const cancelledBefore = ofKind.slice(0, -1).some((intent) => cancelled(intent, venueStatus));
    if ((last.status === "pending" || last.status === "sent") && cancelledBefore) return true;
    if (cancelled(last, venueStatus)) return true;
  }
  return false;
}

function placement(intent: OrderIntent): number {
  return "n" in intent.leg ? intent.leg.n : 0;
}

function cancelled(intent: OrderIntent, venueStatus: VenueStatusOf): boolean {
  if (intent.status === "cancelled") return venueStatus(intent.clientOrderId) !== "FILLED";
  return intent.status === "open" && venueStatus(intent.clientOrderId) === "CANCELED";
}
