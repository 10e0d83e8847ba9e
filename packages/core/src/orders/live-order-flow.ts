import { BrokerError } from "../errors/broker-error.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { reportError } from "../events/report-error.js";
import type { Account } from "../kernel/account/account.js";
import { replayFills } from "../kernel/position/replay-fills.js";
import type { RunContext } from "../kernel/run-context.js";
import type { SignalRunner } from "../kernel/signal-runner.js";
import type { Broker } from "../spec/broker.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { SignalRow } from "../spec/signal.js";
import type { LiveResult, SignalEvent } from "../spec/tick-result.js";
import { cancelOwnOrders } from "./cancel-own-orders.js";
import { clientOrderIdOf, DEFAULT_ORDER_PREFIX } from "./client-order-id.js";
import { type HaltFlag, readHaltFlag, writeHaltFlag } from "./halt-flag.js";
import { onLotStep } from "./lot-step.js";
import { type OrderIntent, owesFills } from "./order-intent.js";
import { OrderJournal } from "./order-journal.js";
import { DEFAULT_RECONCILE_EVERY_MS, PeriodicReconciliation } from "./periodic-reconciliation.js";
import { type ProtectionPlan, protectionPlanOf } from "./protection-plan.js";
import { syncProtections } from "./protective-orders.js";
import type { ReconciliationReport } from "./reconcile-orders.js";
import { type SafetyRailOptions, SafetyRails } from "./safety-rails.js";
import { isTransient, type SendReport, sendIntents } from "./send-intents.js";
import { reconcileAtStart } from "./start-up-reconciliation.js";
import { UnresolvedIntents } from "./unresolved-intents.js";
import { amendedEvent, rejectedEntryOf, rejectionOf } from "./venue-events.js";
import { rowFeedback } from "./venue-fills.js";

/** How a live run trades through a broker. */
export interface LiveOrderOptions {
  readonly broker: Broker;
  /** Client order id prefix of this deployment (1–8 letters or digits). Default `"cw"`. */
  readonly orderPrefix?: string;
  readonly rails?: SafetyRailOptions;
  /**
   * Reconcile with the venue every this many ms of the run's clock, between ticks, as well as at start; `false`:
   * only at start. Default {@link DEFAULT_RECONCILE_EVERY_MS} (5 min). See `PeriodicReconciliation`.
   */
  readonly reconcileEveryMs?: number | false;
}

/** Sends of a close the venue refused, the first included, before the run stops with `CLOSE_REJECTED`. */
export const CLOSE_ATTEMPTS = 4;

/** What the order flow adds to the run's persisted state. */
export interface OrderFlowState {
  readonly orders: OrderIntent[];
  /** Events waiting for the venue's fills of their legs (absent when none). */
  readonly withheld?: LiveResult[];
}

/**
 * The order flow of one live run. Each tick: the operator's halt flag and the kill switch are looked at; the
 * tick's events wait (`withheld`, persisted) while the fills the kernel decided become intents, are written and
 * sent, with the safety rails in front; then the venue's answer goes back into the kernel — the rows take the
 * venue's fills (`rowFeedback`), a refused entry cancels its signal (`entry_rejected`), a refused add or partial
 * exit drops that fill, a refused close is sent again on the next ticks and then stops the run — and the events
 * whose legs are settled are released, amended, in order. At start it reconciles with the venue.
 */
export class LiveOrderFlow {
  readonly journal: OrderJournal;
  readonly rails: SafetyRails;
  /** Which protections rest on this broker's venue (architecture/live.md, "Protective orders"). */
  readonly protection: ProtectionPlan;
  private readonly prefix: string;
  /** Intents whose sends keep failing transiently, reported as `ORDER_UNRESOLVED`. */
  readonly unresolved: UnresolvedIntents;
  /** The passes between ticks after the start-up reconciliation. */
  readonly periodic: PeriodicReconciliation;
  private withheld: LiveResult[] = [];
  private halt: HaltFlag | null = null;
  /** The halt was reported (once per process). */
  private haltSeen = false;
  /** Our resting orders were cancelled after the halt (retried each tick until the venue answered). */
  private ordersCancelled = false;
  private flattened = false;
  /** A refused close is waiting for its next send. */
  private closeRefused = false;
  private lotStepKnown = false;

  constructor(
    private readonly run: RunContext,
    private readonly account: Account,
    private readonly options: LiveOrderOptions,
    private readonly persist: PersistAdapter,
  ) {
    this.prefix = options.orderPrefix ?? DEFAULT_ORDER_PREFIX;
    this.journal = new OrderJournal(this.prefix);
    this.rails = new SafetyRails(options.rails);
    this.protection = protectionPlanOf(options.broker.capabilities);
    this.unresolved = new UnresolvedIntents(run, options.broker.brokerName);
    this.periodic = new PeriodicReconciliation(
      options.broker,
      this.journal,
      run.symbol,
      this.prefix,
      options.reconcileEveryMs ?? DEFAULT_RECONCILE_EVERY_MS,
    );
  }

  get broker(): Broker {
    return this.options.broker;
  }

  /** False while halted or while a refused close keeps the position at the venue: no new signal then. */
  get accepting(): boolean {
    return this.halt === null && !this.closeRefused;
  }

  /** The halt in force (operator or kill switch), or null. */
  get halted(): HaltFlag | null {
    return this.halt;
  }

  /**
   * After a tick's events were delivered: null to go on; otherwise the run ends, flat and with nothing withheld —
   * without an error after an operator's halt, with `TRADING_HALTED` after the kill switch.
   */
  ending(runner: SignalRunner): CandlewickError | "halted" | null {
    if (this.halt === null || runner.phase !== "idle" || this.withheld.length > 0) return null;
    if (this.halt.by === "operator") return "halted";
    return new CandlewickError(
      "TRADING_HALTED",
      `[core] ${this.run.strategyName} on ${this.run.symbol}: trading is halted by the kill switch (${this.halt.reason}, ${this.halt.at}); the run stopped. It stays halted across restarts until an operator clears it: candlewick halt --clear, or Live.clearHalt`,
      { details: { strategyName: this.run.strategyName, symbol: this.run.symbol, halt: { ...this.halt } } },
    );
  }

  /** What to persist with the run's state. */
  stateFields(): OrderFlowState {
    return this.withheld.length === 0
      ? { orders: this.journal.snapshot() }
      : { orders: this.journal.snapshot(), withheld: structuredClone(this.withheld) };
  }

  restore(state: {
    readonly orders?: readonly OrderIntent[];
    readonly withheld?: readonly LiveResult[];
  }): void {
    if (state.orders !== undefined) this.journal.restore(state.orders);
    this.withheld = structuredClone([...(state.withheld ?? [])]);
  }

  /**
   * One tick of the flow, after the kernel's `advance` and `requestSignal`. `events` is the tick's events: on
   * return it holds those to deliver now (with the venue's fills). `write` writes the run's state (with this
   * flow's part) and the given outbox; undefined when unchanged.
   */
  async tick(
    runner: SignalRunner,
    events: SignalEvent[],
    when: number,
    write: (outbox: readonly LiveResult[]) => Promise<void> | undefined,
  ): Promise<SendReport> {
    const save = () => write([]) ?? Promise.resolve();
    await this.learnLotStep();
    await this.watchHalt(runner, events, when);
    this.resendRefusedClose();
    for (const event of events) this.withheld.push(event);
    events.length = 0;
    // Write-ahead: the intents (and the events waiting for them) are in the state before any order leaves.
    const current = () => runner.snapshot().signal;
    for (const event of this.withheld) if (event.action === "closed") this.journal.plan(event.signal);
    const open = current();
    if (open !== null) this.journal.plan(open);
    await save();
    const context = { openNotional: this.account.exposure(), dayPnl: this.account.dayPnlAt(when) };
    // Protections first (a closing signal's are cancelled, a filled one is adopted, before any exit is sent),
    // then the market legs, then the protections of what those legs opened or changed.
    const plan = this.protection;
    const before = await syncProtections(this.broker, this.journal, open, save, { plan, poll: true });
    const report = await sendIntents(
      this.broker,
      this.journal,
      save,
      (intent) => this.refusedCloseStops(intent) ?? this.rails.check(intent, context),
    );
    const after = await syncProtections(this.broker, this.journal, open, save, { plan, poll: false });
    for (const intent of [...before.rejected, ...report.rejected, ...after.rejected])
      this.reportRejection(intent);
    for (const error of this.unresolved.observe(report.transient, (id) => this.journal.get(id), when))
      reportError(error, this.run);
    const exhausted = this.feedBack(runner, when);
    this.release(runner, events);
    const keep = new Set(this.withheld.map((event) => event.signal.id));
    const still = current();
    if (still !== null) keep.add(still.id);
    this.journal.prune(keep);
    if (exhausted !== null) {
      await save();
      throw exhausted;
    }
    return report;
  }

  /**
   * Reconciles with the venue at start; throws `RECONCILIATION_FAILED` on what it cannot explain. Reads the halt
   * flag too, so a halted run takes no signal on its first tick. With the restored signal (`current`), the
   * protections are brought in line before the first tick, so a restart between a cancel and its replacement
   * leaves the position without its stop for no longer than this pass; an exit the killed process decided behind
   * a stop goes in this pass too, after the stop is cancelled, in the order a tick sends (`reconcileAtStart`).
   */
  async reconcile(
    save: () => Promise<void>,
    current: SignalRow | null = null,
    when?: number,
  ): Promise<ReconciliationReport> {
    this.halt = await readHaltFlag(this.persist, this.run);
    if (this.halt !== null)
      this.rails.halt(
        `${this.halt.by === "operator" ? "an operator" : "the kill switch"}: ${this.halt.reason}`,
      );
    await this.learnLotStep();
    const context = () => ({
      openNotional: this.account.exposure(),
      dayPnl: when === undefined ? 0 : this.account.dayPnlAt(when),
    });
    const { reconciliation, protections, after } = await reconcileAtStart(
      this.broker,
      this.journal,
      current,
      save,
      {
        symbol: this.run.symbol,
        prefix: this.prefix,
        plan: this.protection,
        guard: (intent) => this.refusedCloseStops(intent) ?? this.rails.check(intent, context()),
      },
    );
    const rejected = [...protections.rejected, ...reconciliation.intents.rejected, ...after.rejected];
    for (const intent of rejected) this.reportRejection(intent);
    if (when !== undefined) await this.periodic.started(when);
    return reconciliation;
  }

  /**
   * Between ticks: the periodic reconciliation pass when one is due at `when` (`reconcileEveryMs`); throws
   * `RECONCILIATION_FAILED` on what it cannot explain.
   */
  async reconcileIfDue(when: number, save: () => Promise<void>): Promise<void> {
    if (this.periodic.due(when)) await this.periodic.pass(when, save);
  }

  /**
   * After a restart (and its reconciliation): the open row takes the venue's fills the journal already holds. A
   * kill between a fill's write and the row's amendment would otherwise leave the kernel deciding the next legs
   * (a close's quantity) from the fill model's numbers, where the uninterrupted run used the venue's (found by
   * the order-flow crash test). A refused entry is left to the first tick, which cancels its signal.
   */
  catchUp(runner: SignalRunner): void {
    const row = runner.snapshot().signal;
    if (row === null || runner.phase !== "opened") return;
    const feedback = rowFeedback(row, (id) => this.journal.get(id), this.prefix);
    if (feedback.rejectedEntry === null && feedback.changed)
      runner.amendFills(feedback.entries, feedback.exits);
  }

  /**
   * After a restart's reconciliation and `catchUp`: releases, into `out`, the waiting events whose legs the venue
   * has settled, as the killed process's tick would have at its end. Left to the first tick, their amendments were
   * booked after that tick's fills, not before: the account's realised PnL then differed from the uninterrupted
   * run's in its last bits (the order-crash test's 1,000-point run, window 2). Events that need the tick's feedback
   * (a refused entry or close) wait for the first tick.
   */
  releaseAtStart(runner: SignalRunner, out: SignalEvent[]): void {
    const intentOf = (id: string) => this.journal.get(id);
    let plain = 0;
    for (const event of this.withheld) {
      if (event.action === "closed" || event.action === "opened") {
        const feedback = rowFeedback(event.signal, intentOf, this.prefix);
        if (feedback.rejectedEntry !== null || feedback.rejectedClose !== null) break;
      }
      plain++;
    }
    this.release(runner, out, plain);
  }

  snapshot(): OrderIntent[] {
    return this.journal.snapshot();
  }

  /**
   * Asks the broker for the market's lot step once (`Broker.quantityStep`); a transient failure leaves it for the
   * next tick, the quantities meanwhile as the rows have them.
   */
  private async learnLotStep(): Promise<void> {
    if (this.lotStepKnown || this.broker.quantityStep === undefined) return;
    try {
      this.journal.lotStep = await this.broker.quantityStep(this.run.symbol);
      this.lotStepKnown = true;
    } catch (error) {
      if (!isTransient(error)) throw error;
    }
  }

  /**
   * The halt flag (an operator's, or the kill switch's once the day's loss reached `maxDailyLoss`: then written,
   * so it outlives the process). Once halted: our resting orders on the symbol are cancelled, a scheduled entry is
   * dropped, and with `flatten` the open position is closed at market.
   */
  private async watchHalt(runner: SignalRunner, events: SignalEvent[], when: number): Promise<void> {
    let flag = await readHaltFlag(this.persist, this.run);
    if (flag === null && this.rails.watch({ openNotional: 0, dayPnl: this.account.dayPnlAt(when) })) {
      flag = await writeHaltFlag(this.persist, this.run, {
        by: "kill_switch",
        reason: this.rails.haltedBecause ?? "the day's realised loss reached maxDailyLoss",
        flatten: this.rails.flattenOnKill,
      });
    }
    if (flag === null) return;
    const first = !this.haltSeen;
    this.haltSeen = true;
    this.halt = flag;
    this.rails.halt(`${flag.by === "operator" ? "an operator" : "the kill switch"}: ${flag.reason}`);
    if (first) reportError(this.rails.haltedError(), this.run);
    if (!this.ordersCancelled) {
      this.ordersCancelled = await cancelOwnOrders(this.broker, this.journal, this.run, this.prefix);
    }
    if (flag.flatten && !this.flattened && runner.phase === "opened") {
      this.flattened = true;
      runner.flatten(when, events);
    }
    runner.cancelScheduled(when, events);
  }

  /**
   * While the venue refuses to close a position, no entry or add of another signal goes out (the kernel may have
   * opened one in the tick it decided the close): it is stopped as `close_refused`, and its signal cancelled.
   */
  private refusedCloseStops(intent: OrderIntent): { rail: string; reason: string } | null {
    if (intent.leg.kind !== "entry" && intent.leg.kind !== "add") return null;
    for (const other of this.journal.all()) {
      if (other.leg.kind === "close" && other.status === "rejected" && other.signalId !== intent.signalId) {
        return {
          rail: "close_refused",
          reason: `the venue refused to close the previous position (${other.clientOrderId}: ${other.rejection?.message ?? "rejected"}); no new position until it is closed`,
        };
      }
    }
    return null;
  }

  /** A close the venue refused goes out again, the same order, once per tick up to `CLOSE_ATTEMPTS` sends. */
  private resendRefusedClose(): void {
    if (!this.closeRefused) return;
    this.closeRefused = false;
    for (const intent of this.journal.all()) {
      if (intent.leg.kind === "close" && intent.status === "rejected" && intent.attempts < CLOSE_ATTEMPTS) {
        intent.status = "pending";
        delete intent.rejection;
      }
    }
  }

  /**
   * Puts what the venue did back into the kernel and the waiting events. Returns the error that stops the run
   * when a close was refused `CLOSE_ATTEMPTS` times.
   */
  private feedBack(runner: SignalRunner, when: number): CandlewickError | null {
    const intentOf = (id: string) => this.journal.get(id);
    const row = runner.snapshot().signal;
    if (row !== null && runner.phase === "opened") {
      const feedback = rowFeedback(row, intentOf, this.prefix);
      if (feedback.rejectedEntry !== null) {
        const dropped: SignalEvent[] = [];
        runner.dropRejectedEntry(when, rejectionOf(feedback.rejectedEntry), dropped);
        this.cancelLegsAfter(row.id);
        // The consumer never hears of a position that never was: its waiting `opened` goes, the cancel comes.
        this.withheld = this.withheld.filter(
          (event) => event.signal.id !== row.id || event.action !== "opened",
        );
        this.withheld.push(...dropped);
      } else if (feedback.changed) {
        runner.amendFills(feedback.entries, feedback.exits);
      }
    }
    let exhausted: CandlewickError | null = null;
    const dropOpened = new Set<string>();
    this.withheld = this.withheld.map((event) => {
      if (event.action !== "closed") return event;
      const feedback = rowFeedback(event.signal, intentOf, this.prefix);
      if (feedback.rejectedEntry !== null) {
        this.cancelLegsAfter(event.signal.id);
        this.amendClosed(runner, event.signal, [], []);
        dropOpened.add(event.signal.id);
        return rejectedEntryOf(event, rejectionOf(feedback.rejectedEntry));
      }
      if (feedback.changed) this.resizeClose(event.signal, feedback);
      if (feedback.rejectedClose !== null) {
        const intent = feedback.rejectedClose;
        if (intent.attempts >= CLOSE_ATTEMPTS) exhausted ??= this.closeRefusedError(intent);
        else this.closeRefused = true;
      }
      return event;
    });
    // A position that never was is not announced: its waiting `opened` goes, the cancel stays.
    if (dropOpened.size > 0) {
      this.withheld = this.withheld.filter(
        (event) => event.action !== "opened" || !dropOpened.has(event.signal.id),
      );
    }
    return exhausted;
  }

  /**
   * The close of a row whose add or partial exit the venue refused was sized by the kernel for what it thought
   * it held: before it is sent, it is resized to what the venue's fills hold.
   */
  private resizeClose(row: LiveResult["signal"], feedback: ReturnType<typeof rowFeedback>): void {
    const last = feedback.exits[feedback.exits.length - 1];
    if (last === undefined || last.reason === "take_profit_ladder" || last.reason === "partial_profit")
      return;
    const close = this.journal.get(clientOrderIdOf(row.id, { kind: "close" }, this.prefix));
    if (close === undefined || close.status !== "pending") return;
    const held = onLotStep(
      replayFills(row.position, feedback.entries, feedback.exits.slice(0, -1)).quantity,
      this.journal.lotStep,
    );
    if (held > 0 && held !== close.request.quantity) {
      (close as { request: OrderIntent["request"] }).request = { ...close.request, quantity: held };
    }
  }

  /**
   * Releases the waiting events, oldest first, up to the first whose legs the venue has not settled (and at most
   * `limit`).
   */
  private release(runner: SignalRunner, out: SignalEvent[], limit = Number.POSITIVE_INFINITY): void {
    const intentOf = (id: string) => this.journal.get(id);
    let released = 0;
    for (const event of this.withheld) {
      if (released >= limit || !this.settled(event)) break;
      if (event.action === "closed" || event.action === "opened") {
        const feedback = rowFeedback(event.signal, intentOf, this.prefix);
        // Unchanged fills keep the kernel's own figures bit for bit (paper ≡ backtest).
        const amended = feedback.changed ? amendedEvent(event, feedback) : event;
        if (event.action === "closed" && feedback.changed) {
          this.amendClosed(runner, event.signal, feedback.entries, feedback.exits);
        }
        out.push(amended as SignalEvent);
      } else out.push(event);
      released++;
    }
    if (released > 0) this.withheld = this.withheld.slice(released);
  }

  /** True when every leg of the event's row has an outcome (filled, cancelled, or refused for good). */
  private settled(event: LiveResult): boolean {
    if (event.action !== "closed" && event.action !== "opened") return true;
    for (const intent of this.journal.all()) {
      // Resting protections (stop, target) stay open while the position is: only the row's own legs count.
      if (
        intent.signalId !== event.signal.id ||
        intent.leg.kind === "stop" ||
        intent.leg.kind === "take_profit"
      )
        continue;
      if (intent.status === "pending" || intent.status === "sent" || intent.status === "open") return false;
      // Ended at the venue, its fills not all recorded yet: the event waits for them.
      if (owesFills(intent)) return false;
      if (event.action === "closed" && intent.leg.kind === "close" && intent.status === "rejected")
        return false;
    }
    return true;
  }

  /**
   * Books the difference the venue's fills make to a row that already closed (the runner let it go: only its
   * realised PnL and fees change, no basis is held any more).
   */
  private amendClosed(
    runner: SignalRunner,
    row: LiveResult["signal"],
    entries: LiveResult["signal"]["entries"],
    exits: LiveResult["signal"]["exits"],
  ): void {
    const before = replayFills(row.position, row.entries, row.exits);
    const after = replayFills(row.position, entries, exits);
    let latest = 0;
    for (const fill of [...row.entries, ...row.exits]) latest = Math.max(latest, fill.timestamp);
    this.account.amend(
      {
        basis: 0,
        realized: after.realized - before.realized,
        fees: after.fees - before.fees,
        timestamp: latest,
      },
      runner,
    );
  }

  /** The legs of a signal whose entry was refused are never sent. */
  private cancelLegsAfter(signalId: string): void {
    for (const intent of this.journal.all()) {
      if (intent.signalId === signalId && intent.status === "pending") intent.status = "cancelled";
    }
  }

  private closeRefusedError(intent: OrderIntent): CandlewickError {
    const { request } = intent;
    return new CandlewickError(
      "CLOSE_REJECTED",
      `[core] ${this.run.strategyName} on ${this.run.symbol}: the venue refused the close ${intent.clientOrderId} (${request.side} ${request.quantity} ${request.symbol}) ${intent.attempts} times: ${intent.rejection?.message ?? "rejected"}. The position is still held at the venue; the run stopped. See architecture/live.md, runbook "CLOSE_REJECTED"`,
      {
        details: {
          clientOrderId: intent.clientOrderId,
          signalId: intent.signalId,
          attempts: intent.attempts,
          rule: intent.rejection?.reason,
        },
      },
    );
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
