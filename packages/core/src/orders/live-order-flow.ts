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
  private readonly prefix: string;

  constructor(
    private readonly run: RunContext,
    private readonly account: Account,
    private readonly options: LiveOrderOptions,
  ) {
    this.prefix = options.orderPrefix ?? DEFAULT_ORDER_PREFIX;
    this.journal = new OrderJournal(this.prefix);
    this.rails = new SafetyRails(options.rails);
  }

  get broker(): Broker {
    return this.options.broker;
  }

  /** Adds the intents of the fills in the current row and in the rows the tick's events closed. */
  plan(current: SignalRow | null, events: readonly SignalEvent[]): number {
    let added = 0;
    for (const event of events) {
      if (event.action === "closed") added += this.journal.plan(event.signal);
    }
    if (current !== null) added += this.journal.plan(current);
    return added;
  }

  /** Sends what is unsettled; `save` writes the run's state (with the journal) at every step that must survive. */
  async send(save: () => Promise<void>, when: number, keep: ReadonlySet<string>): Promise<SendReport> {
    const context = { openNotional: this.account.exposure(), dayPnl: this.account.dayPnlAt(when) };
    const report = await sendIntents(this.broker, this.journal, save, (intent) =>
      this.rails.check(intent, context),
    );
    for (const intent of report.rejected) this.reportRejection(intent);
    this.journal.prune(keep);
    return report;
  }

  /** Reconciles with the venue at start; throws `RECONCILIATION_FAILED` on what it cannot explain. */
  async reconcile(save: () => Promise<void>): Promise<ReconciliationReport> {
    const report = await reconcileOrders(this.broker, this.journal, [this.run.symbol], save, this.prefix);
    assertReconciled(this.broker.brokerName, report);
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
