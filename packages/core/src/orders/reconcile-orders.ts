import { CandlewickError } from "../errors/candlewick-error.js";
import type { Broker, BrokerOrder } from "../spec/broker.js";
import type { BalanceMismatch } from "./balance-check.js";
import { DEFAULT_ORDER_PREFIX, isOwnClientOrderId } from "./client-order-id.js";
import type { OrderJournal } from "./order-journal.js";
import { type SendReport, sendIntents } from "./send-intents.js";

/** What a reconciliation found and did. */
export interface ReconciliationReport {
  /** The pass over the journals' unsettled intents: sent, adopted, filled, rejected, unknown. */
  readonly intents: SendReport;
  /** Open orders with our prefix that no unsettled intent accounts for: cancelled. */
  readonly orphansCancelled: readonly BrokerOrder[];
  /** Open orders without our prefix (an operator's): left alone, listed. */
  readonly foreignOrders: readonly BrokerOrder[];
  /** Symbols whose venue position differs from what the journals hold (derivatives venues only). */
  readonly positionMismatches: readonly PositionMismatch[];
  /** Spot: base balances that moved by more than the deployment's fills (periodic passes; `balance-check.ts`). */
  readonly balanceMismatches?: readonly BalanceMismatch[];
}

export interface PositionMismatch {
  readonly symbol: string;
  /** Net base quantity the journals' filled intents hold (long positive). */
  readonly expected: number;
  /** Net base quantity the venue reports. */
  readonly actual: number;
}

/**
 * Reconciles a venue account with what the runs on it recorded, at start and then periodically:
 *
 * 1. every unsettled intent is resolved by its client order id (adopted, or sent once when the venue never got it);
 * 2. an open order of ours (our prefix) that no unsettled intent accounts for is an orphan (its run moved on, or
 *    died between placing and recording it) and is cancelled; a resting protection the journal holds (sent or
 *    open) is accounted for, and `syncProtections` resolves it on the first tick;
 * 3. an open order without our prefix is an operator's and is left alone;
 * 4. on a venue with positions, the net position of each symbol must equal what the filled intents hold; a
 *    mismatch is something Candlewick cannot explain, and `assertReconciled` stops the run on it with the
 *    report (see the runbook in architecture/live.md).
 *
 * `symbols` are the symbols the runs trade: positions of other symbols are not ours to judge. `guard`: the rails in
 * front of every send (as in a tick).
 */
export async function reconcileOrders(
  broker: Broker,
  journal: OrderJournal,
  symbols: readonly string[],
  save: () => Promise<void>,
  prefix = DEFAULT_ORDER_PREFIX,
  guard?: Parameters<typeof sendIntents>[3],
): Promise<ReconciliationReport> {
  const intents = await sendIntents(broker, journal, save, guard);
  const accounted = new Set(journal.unsettled().map((intent) => intent.clientOrderId));
  const orphansCancelled: BrokerOrder[] = [];
  const foreignOrders: BrokerOrder[] = [];
  for (const symbol of symbols) {
    for (const order of await broker.fetchOpenOrders(symbol)) {
      if (!isOwnClientOrderId(order.clientOrderId, prefix)) {
        foreignOrders.push(order);
      } else if (!accounted.has(order.clientOrderId)) {
        orphansCancelled.push(await broker.cancelOrder(symbol, order.clientOrderId));
      }
    }
  }
  const positionMismatches = await positionMismatchesOf(broker, journal, symbols);
  return { intents, orphansCancelled, foreignOrders, positionMismatches };
}

/**
 * On a venue with positions: each symbol whose net position differs from what the journal's filled intents hold
 * (long positive). Empty on a venue without positions.
 */
export async function positionMismatchesOf(
  broker: Broker,
  journal: OrderJournal,
  symbols: readonly string[],
): Promise<PositionMismatch[]> {
  const positionMismatches: PositionMismatch[] = [];
  if (broker.capabilities.positions && broker.fetchPositions !== undefined) {
    const held = new Map<string, number>(symbols.map((symbol) => [symbol, 0]));
    for (const intent of journal.all()) {
      // An exit carried out by a protection holds copies of its fills: counted once, on the protection.
      if (intent.filledBy !== undefined) continue;
      for (const fill of intent.fills) {
        held.set(
          fill.symbol,
          (held.get(fill.symbol) ?? 0) + (fill.side === "buy" ? fill.quantity : -fill.quantity),
        );
      }
    }
    const venue = new Map<string, number>();
    for (const position of await broker.fetchPositions(symbols)) {
      venue.set(position.symbol, position.side === "long" ? position.quantity : -position.quantity);
    }
    for (const symbol of symbols) {
      const expected = held.get(symbol) ?? 0;
      const actual = venue.get(symbol) ?? 0;
      if (Math.abs(expected - actual) > 1e-9 * Math.max(1, Math.abs(expected))) {
        positionMismatches.push({ symbol, expected, actual });
      }
    }
  }
  return positionMismatches;
}

/**
 * Throws `RECONCILIATION_FAILED` with the report when the venue holds what the runs cannot explain; the run must
 * not trade on until an operator has looked (architecture/live.md, "Runbook").
 */
export function assertReconciled(brokerName: string, report: ReconciliationReport): void {
  const balances = report.balanceMismatches ?? [];
  if (report.positionMismatches.length === 0 && balances.length === 0) return;
  const lines = [
    ...report.positionMismatches.map(
      (mismatch) => `${mismatch.symbol}: the runs hold ${mismatch.expected}, the venue ${mismatch.actual}`,
    ),
    ...balances.map(
      (mismatch) =>
        `${mismatch.symbol}: the ${mismatch.currency} balance is ${mismatch.actual}, the deployment's fills since ${new Date(mismatch.since).toISOString()} explain ${mismatch.expected}${mismatch.foreignFills.length > 0 ? ` (trades not placed by this deployment: ${mismatch.foreignFills.join(", ")})` : ""}`,
    ),
  ];
  throw new CandlewickError(
    "RECONCILIATION_FAILED",
    `[core] reconciliation with ${brokerName} found ${balances.length > 0 && report.positionMismatches.length === 0 ? "balances" : "positions"} Candlewick cannot explain (${lines.join("; ")}); nothing more is traded on them until an operator resolves it: see "Runbook" in architecture/live.md`,
    {
      details: {
        brokerName,
        mismatches: report.positionMismatches,
        ...(balances.length > 0 ? { balanceMismatches: balances } : {}),
      },
    },
  );
}
