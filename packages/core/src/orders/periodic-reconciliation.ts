import type { Broker, BrokerOrder } from "../spec/broker.js";
import { BalanceCheck } from "./balance-check.js";
import { isOwnClientOrderId } from "./client-order-id.js";
import { isProtectiveLeg } from "./order-intent.js";
import type { OrderJournal } from "./order-journal.js";
import { assertReconciled, positionMismatchesOf, type ReconciliationReport } from "./reconcile-orders.js";
import { adopt, collectFills, isTransient } from "./send-intents.js";

/** Default time between reconciliation passes of a live run with a broker (run clock): 5 minutes. */
export const DEFAULT_RECONCILE_EVERY_MS = 5 * 60_000;

/**
 * Reconciliation while a run is live, every `everyMs` of the run's clock (on a grid from the epoch), between ticks
 * (the run's own loop calls it after a tick has sent, fed back and delivered everything: never while one of its
 * orders is in flight). A pass sends nothing; it
 *
 * 1. adopts what the venue did to the journal's open orders (a resting leg filled or cancelled by the venue:
 *    looked up by client id, its fills taken once each); resting protections are the tick's (`syncProtections`
 *    polls them every tick and adopts their fills into the close);
 * 2. cancels orphans: open orders of the symbol with the deployment's prefix that the journal does not hold;
 * 3. lists open orders without the prefix (an operator's), never touching them;
 * 4. checks positions (venues with positions) against the journal's fills, and the base balance (spot, with
 *    `fetchMarket`) against the deployment's fills since the last pass (`BalanceCheck`).
 *
 * What it cannot explain throws `RECONCILIATION_FAILED`, the start-up pass's error: the run stops there with its
 * state kept (runbook "RECONCILIATION_FAILED", architecture/live.md). A transient failure of the venue skips the
 * rest of the pass; the next one is a period later (the ticks go on as usual meanwhile).
 */
export class PeriodicReconciliation {
  private nextAt = Number.POSITIVE_INFINITY;
  private readonly balance: BalanceCheck;
  /** Passes done, and what the last one found (for tests and the run's log). */
  passes = 0;
  last: ReconciliationReport | null = null;

  constructor(
    private readonly broker: Broker,
    private readonly journal: OrderJournal,
    private readonly symbol: string,
    private readonly prefix: string,
    private readonly everyMs: number | false,
  ) {
    this.balance = new BalanceCheck(broker, symbol, prefix);
  }

  /** The start-up reconciliation at `when` passed: takes the balance baseline and schedules the first pass. */
  async started(when: number): Promise<void> {
    if (this.everyMs === false) return;
    await this.balance.pass(when);
    this.nextAt = this.after(when);
  }

  /** True when a pass is due at tick `when`. */
  due(when: number): boolean {
    return when >= this.nextAt;
  }

  /** One pass at `when` (see the class). `save` writes the run's state after the journal changed. */
  async pass(when: number, save: () => Promise<void>): Promise<ReconciliationReport | null> {
    if (this.everyMs === false) return null;
    this.nextAt = this.after(when);
    this.passes++;
    try {
      const report = await this.reconcile(when, save);
      this.last = report;
      assertReconciled(this.broker.brokerName, report);
      return report;
    } catch (error) {
      if (isTransient(error)) return null;
      throw error;
    }
  }

  /**
   * The first pass time after `when` on a grid of `everyMs` from the epoch: the same times in every process, so a
   * restarted run reconciles at the minutes the uninterrupted one did (its rows take a fill the pass adopted at
   * the same tick).
   */
  private after(when: number): number {
    const every = this.everyMs as number;
    return Math.floor(when / every) * every + every;
  }

  private async reconcile(when: number, save: () => Promise<void>): Promise<ReconciliationReport> {
    const { broker, journal, symbol } = this;
    const open = await broker.fetchOpenOrders(symbol);
    const resting = new Set(open.map((order) => order.clientOrderId));
    let adopted = 0;
    let filled = 0;
    for (const intent of journal.unsettled()) {
      if (intent.status !== "open" || isProtectiveLeg(intent.leg) || resting.has(intent.clientOrderId))
        continue;
      // Open in the journal, gone from the venue's open orders: filled or cancelled meanwhile.
      const found = await broker.fetchOrder(intent.request.symbol, intent.clientOrderId);
      if (found === null) continue;
      adopt(intent, found);
      adopted++;
      const before = intent.fills.length;
      await collectFills(broker, intent);
      if (intent.fills.length > before) filled++;
      await save();
    }
    const accounted = new Set(journal.unsettled().map((intent) => intent.clientOrderId));
    const orphansCancelled: BrokerOrder[] = [];
    const foreignOrders: BrokerOrder[] = [];
    for (const order of open) {
      if (!isOwnClientOrderId(order.clientOrderId, this.prefix)) foreignOrders.push(order);
      else if (!accounted.has(order.clientOrderId))
        orphansCancelled.push(await broker.cancelOrder(symbol, order.clientOrderId));
    }
    const positionMismatches = await positionMismatchesOf(broker, journal, [symbol]);
    const balance = await this.balance.pass(when);
    return {
      intents: { sent: 0, adopted, filled, rejected: [], unknown: 0, transient: [] },
      orphansCancelled,
      foreignOrders,
      positionMismatches,
      ...(balance === null ? {} : { balanceMismatches: [balance] }),
    };
  }
}
