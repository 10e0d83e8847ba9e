import { BrokerError } from "../errors/broker-error.js";
import { reportError } from "../events/report-error.js";
import type { Account } from "../kernel/account/account.js";
import type { RunContext } from "../kernel/run-context.js";
import type { Broker } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import type { SignalEvent } from "../spec/tick-result.js";
import { DEFAULT_ORDER_PREFIX } from "./client-order-id.js";
import type { OrderIntent } from "./order-intent.js";
import { OrderJournal } from "./order-journal.js";
import { type ProtectionPlan, protectionPlanOf } from "./protection-plan.js";
import { type ProtectionReport, syncProtections } from "./protective-orders.js";
import { assertReconciled, type ReconciliationReport, reconcileOrders } from "./reconcile-orders.js";
import { type SafetyRailOptions, SafetyRails } from "./safety-rails.js";
import { type SendReport, sendIntents } from "./send-intents.js";

/** How a live run trades through a broker. */
export interface LiveOrderOptions {
  readonly broker: Broker;
  /** Client order id prefix of this deployment (1–8 letters or digits). Default `"cw"`. */
  readonly orderPrefix?: string;
  readonly rails?: SafetyRailOptions;
}

/**
 * The order flow of one live run: each tick, the fills the kernel decided become intents (journal), the journal is
 * written with the run's state, then sent (`sendIntents`), with the safety rails in front. At start it reconciles
 * with the venue. Rejections and rail stops are reported on the error stream with the venue's reason.
 */
export class LiveOrderFlow {
  readonly journal: OrderJournal;
  readonly rails: SafetyRails;
  /** Which protections rest on this broker's venue (architecture/live.md, "Protective orders"). */
  readonly protection: ProtectionPlan;
  private readonly prefix: string;
  /** The kernel's signal as the last `plan` saw it: the position the protections follow. */
  private current: SignalRow | null = null;

  constructor(
    private readonly run: RunContext,
    private readonly account: Account,
    private readonly options: LiveOrderOptions,
  ) {
    this.prefix = options.orderPrefix ?? DEFAULT_ORDER_PREFIX;
    this.journal = new OrderJournal(this.prefix);
    this.rails = new SafetyRails(options.rails);
    this.protection = protectionPlanOf(options.broker.capabilities);
  }

  get broker(): Broker {
    return this.options.broker;
  }

  /** Adds the intents of the fills in the current row and in the rows the tick's events closed. */
  plan(current: SignalRow | null, events: readonly SignalEvent[]): number {
    this.current = current;
    let added = 0;
    for (const event of events) {
      if (event.action === "closed") added += this.journal.plan(event.signal);
    }
    if (current !== null) added += this.journal.plan(current);
    return added;
  }

  /** Sends what is unsettled; `save` writes the run's state (with the journal) at every step that must survive. */
  async send(
    save: () => Promise<void>,
    when: number,
    keep: ReadonlySet<string>,
  ): Promise<SendReport & { readonly protections: readonly ProtectionReport[] }> {
    const context = { openNotional: this.account.exposure(), dayPnl: this.account.dayPnlAt(when) };
    // Protections first (a closing signal's are cancelled, a filled one is adopted, before any exit is sent),
    // then the market legs, then the protections of what those legs opened or changed.
    const plan = this.protection;
    const before = await syncProtections(this.broker, this.journal, this.current, save, { plan, poll: true });
    const report = await sendIntents(this.broker, this.journal, save, (intent) =>
      this.rails.check(intent, context),
    );
    const after = await syncProtections(this.broker, this.journal, this.current, save, { plan, poll: false });
    for (const intent of [...before.rejected, ...report.rejected, ...after.rejected])
      this.reportRejection(intent);
    this.journal.prune(keep);
    return { ...report, protections: [before, after] };
  }

  /**
   * Reconciles with the venue at start; throws `RECONCILIATION_FAILED` on what it cannot explain. With the
   * restored signal (`current`), the protections are brought in line before the first tick, so a restart between
   * a cancel and its replacement leaves the position without its stop for no longer than this pass.
   */
  async reconcile(
    save: () => Promise<void>,
    current: SignalRow | null = null,
  ): Promise<ReconciliationReport> {
    const report = await reconcileOrders(this.broker, this.journal, [this.run.symbol], save, this.prefix);
    assertReconciled(this.broker.brokerName, report);
    this.current = current;
    const protections = await syncProtections(this.broker, this.journal, current, save, {
      plan: this.protection,
      poll: true,
    });
    for (const intent of protections.rejected) this.reportRejection(intent);
    return report;
  }

  snapshot(): OrderIntent[] {
    return this.journal.snapshot();
  }

  private reportRejection(intent: OrderIntent): void {
    const { rejection } = intent;
    reportError(
      new BrokerError(
        this.broker.brokerName,
        "rejected",
        rejection?.reason === "insufficient_balance" ? "insufficient_balance" : "other",
        `order ${intent.clientOrderId} (${intent.leg.kind} of signal ${intent.signalId}, ${intent.request.side} ${intent.request.quantity} ${intent.request.symbol}) was not placed: ${rejection?.message ?? "rejected"}`,
        {
          details: {
            clientOrderId: intent.clientOrderId,
            signalId: intent.signalId,
            rule: rejection?.reason,
          },
        },
      ),
      this.run,
    );
  }
}
