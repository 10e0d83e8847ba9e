import type { Broker, BrokerOrder } from "../spec/broker.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf } from "./client-order-id.js";
import { isExitLeg, isProtectiveLeg, type OrderIntent, owesFills } from "./order-intent.js";
import { isLive, type OrderJournal } from "./order-journal.js";
import {
  PROTECTION_ORDER_TYPE,
  type ProtectionKind,
  type ProtectionPlan,
  type WantedProtection,
  wantedProtections,
} from "./protection-plan.js";
import { adopt, brokerFailure, collectFills, isTransient } from "./send-intents.js";

/** What one pass over the protections did, for the run's log and tests. */
export interface ProtectionReport {
  /** Protections placed and acknowledged. */
  readonly placed: number;
  /** Protections cancelled at the venue (a move replaced them, or the position is being closed). */
  readonly cancelled: number;
  /** Protections found filled by the venue. */
  readonly filled: number;
  /** Exit legs carried out by a protection's fill (no order of their own). */
  readonly adopted: number;
  /** Protections the venue refused (kept with its reason; the kernel's own close still follows). */
  readonly rejected: OrderIntent[];
  /** Signals whose pass stopped at a transient failure (resumed from the journal on the next pass). */
  readonly unknown: number;
}

/** How a pass runs. */
export interface SyncProtectionsOptions {
  /** Which protections rest on this venue (`protectionPlanOf(broker.capabilities)`). */
  readonly plan: ProtectionPlan;
  /** Ask the venue about every resting protection (once a tick: a stop may fill before the kernel decides). */
  readonly poll: boolean;
}

/**
 * Brings the protections on the venue in line with the kernel's open position (`open`, or null), writing the
 * journal (`save`) before every call that changes the venue and after every answer:
 *
 * 1. each protection whose outcome is unknown (`sent`) is looked up by its client id; with `poll`, each resting
 *    one too (filled, its fills are collected);
 * 2. a protection that should not rest (the row's stop or target moved, its quantity changed, the position is
 *    closing, or is gone) is cancelled; one that never left (`pending`) is dropped;
 * 3. the exit legs a protection's fill carried out are adopted (`filledBy`): a close is that fill, no market order;
 * 4. a protection that should rest and does not is placed as the next placement of its kind (`s<n+1>`).
 *
 * A replacement is always cancel, then place: two protections of a kind never rest at once, and a restart
 * between the two finds the cancelled one by its id and places the next in its first pass. A transient failure
 * stops the signal's pass where it is; the journal says where to go on. A refused protection is not sent again
 * as it was (no retry loop); a move places the next one.
 */
export async function syncProtections(
  broker: Broker,
  journal: OrderJournal,
  open: SignalRow | null,
  save: () => Promise<void>,
  options: SyncProtectionsOptions,
): Promise<ProtectionReport> {
  const report = {
    placed: 0,
    cancelled: 0,
    filled: 0,
    adopted: 0,
    unknown: 0,
    rejected: [] as OrderIntent[],
  };
  const signals = new Set<string>();
  if (open !== null && open.entries.length > 0) signals.add(open.id);
  for (const intent of journal.unsettled()) {
    if (isProtectiveLeg(intent.leg) || isExitLeg(intent.leg)) signals.add(intent.signalId);
  }
  for (const signalId of signals) {
    const pass = new SignalPass(broker, journal, signalId, open?.id === signalId ? open : null, save, report);
    try {
      await pass.run(options);
    } catch (error) {
      // Unknown outcomes end the signal's pass: a duplicate id is ours already, found by the next lookup.
      if (!isTransient(error) && brokerFailure(error)?.reason !== "duplicate_order") throw error;
      report.unknown++;
    }
  }
  return report;
}

type Counts = { placed: number; cancelled: number; filled: number; adopted: number; rejected: OrderIntent[] };

/** One signal's pass (see `syncProtections`). */
class SignalPass {
  constructor(
    private readonly broker: Broker,
    private readonly journal: OrderJournal,
    private readonly signalId: string,
    private readonly row: SignalRow | null,
    private readonly save: () => Promise<void>,
    private readonly counts: Counts,
  ) {}

  async run({ plan, poll }: SyncProtectionsOptions): Promise<void> {
    for (const protection of this.protections()) await this.lookUp(protection, poll);
    const wanted = wantedProtections(
      this.row,
      this.journal.ofSignal(this.signalId),
      plan,
      this.journal.lotStep,
    );
    if (wanted === "hold") return;
    for (const protection of this.protections()) {
      if (isLive(protection) && !matches(protection, wanted.get(kindOf(protection))))
        await this.cancel(protection);
    }
    await this.adoptExits();
    // Again: a cancel may have found the protection filled, and then nothing more may rest.
    const now = wantedProtections(this.row, this.journal.ofSignal(this.signalId), plan, this.journal.lotStep);
    if (now === "hold") return;
    for (const [kind, want] of now) await this.place(kind, want);
  }

  private protections(): OrderIntent[] {
    return this.journal.ofSignal(this.signalId).filter((intent) => isProtectiveLeg(intent.leg));
  }

  /** Step 1: where a sent (or, polling, a resting) protection is; a filled one's missing fills. */
  private async lookUp(protection: OrderIntent, poll: boolean): Promise<void> {
    const { status } = protection;
    const short =
      owesFills(protection) ||
      (status === "filled" && filledQuantity(protection) < protection.request.quantity * (1 - 1e-9));
    if (status !== "sent" && !(status === "open" && poll) && !short) return;
    const before = fingerprint(protection);
    const found = await this.broker.fetchOrder(protection.request.symbol, protection.clientOrderId);
    // Not at the venue: a sent one never got there (sent again if still wanted); a resting one is gone.
    if (found === null)
      protection.status = status === "sent" ? "pending" : status === "open" ? "cancelled" : status;
    else await this.refresh(protection, found);
    if (fingerprint(protection) !== before) await this.save();
  }

  /** Step 2: cancels a protection that should not rest (or drops one that never left). */
  private async cancel(protection: OrderIntent): Promise<void> {
    if (protection.status === "pending") {
      protection.status = "cancelled";
      await this.save();
      return;
    }
    const { symbol } = protection.request;
    let ended: BrokerOrder | null;
    try {
      ended = await this.broker.cancelOrder(symbol, protection.clientOrderId);
    } catch (error) {
      if (brokerFailure(error)?.kind !== "not_found") throw error;
      ended = await this.broker.fetchOrder(symbol, protection.clientOrderId);
    }
    if (ended === null) protection.status = "cancelled";
    else await this.refresh(protection, ended);
    if (protection.status === "cancelled") this.counts.cancelled++;
    await this.save();
  }

  /** Step 3: a protection that filled completely carried out the signal's unsent exit legs. */
  private async adoptExits(): Promise<void> {
    const done = this.protections().find(
      (protection) =>
        protection.status === "filled" ||
        filledQuantity(protection) >= protection.request.quantity * (1 - 1e-9),
    );
    if (done === undefined) return;
    let adopted = 0;
    for (const intent of this.journal.ofSignal(this.signalId)) {
      if (!isExitLeg(intent.leg) || intent.status !== "pending" || intent.attempts > 0) continue;
      intent.filledBy = done.clientOrderId;
      if (intent.leg.kind === "close") {
        intent.status = "filled";
        intent.fills = done.fills.map((fill) => ({ ...fill }));
      } else {
        // Nothing is left to sell: the stop sold it.
        intent.status = "cancelled";
      }
      adopted++;
    }
    if (adopted === 0) return;
    this.counts.adopted += adopted;
    await this.save();
  }

  /** Step 4: places the next protection of `kind` unless one is live or this one was refused as it is. */
  private async place(kind: ProtectionKind, want: WantedProtection): Promise<void> {
    const ofKind = this.protections().filter((protection) => kindOf(protection) === kind);
    let protection = ofKind.find(isLive);
    if (protection === undefined) {
      const last = ofKind.at(-1);
      if (last?.status === "rejected" && matches(last, want)) return;
      protection = protectionIntent(
        this.row!,
        kind,
        (last === undefined ? 0 : numberOf(last)) + 1,
        want,
        this.journal.prefix,
      );
      this.journal.add(protection);
    }
    if (protection.status !== "pending") return;
    // Write-ahead: from here on the protection may be at the venue.
    protection.status = "sent";
    protection.attempts++;
    await this.save();
    try {
      await this.refresh(protection, await this.broker.createOrder(protection.request));
      this.counts.placed++;
    } catch (error) {
      const failure = brokerFailure(error);
      // A duplicate is ours already, and a transient failure may have placed it: looked up on the next pass.
      if (isTransient(error) || failure?.reason === "duplicate_order") throw error;
      if (failure?.kind !== "rejected") throw error;
      protection.status = "rejected";
      protection.rejection = { reason: failure.reason, message: failure.message };
      this.counts.rejected.push(protection);
    }
    await this.save();
  }

  /** Takes the venue's view of the order, with its fills; keeps the copies on an adopted close current. */
  private async refresh(protection: OrderIntent, order: BrokerOrder): Promise<void> {
    const was = protection.status;
    adopt(protection, order);
    if (order.filledQuantity > filledQuantity(protection)) await collectFills(this.broker, protection);
    if (protection.status === "filled" && was !== "filled") this.counts.filled++;
    for (const intent of this.journal.ofSignal(this.signalId)) {
      if (intent.filledBy === protection.clientOrderId && intent.leg.kind === "close") {
        intent.fills = protection.fills.map((fill) => ({ ...fill }));
      }
    }
  }
}

/** The intent of the n-th placement of a protection of `row`: a reduce-only trigger order for `want`. */
export function protectionIntent(
  row: SignalRow,
  kind: ProtectionKind,
  n: number,
  want: WantedProtection,
  prefix?: string,
): OrderIntent {
  const leg = { kind, n } as const;
  const clientOrderId = clientOrderIdOf(row.id, leg, prefix);
  return {
    clientOrderId,
    signalId: row.id,
    leg,
    request: {
      clientOrderId,
      symbol: row.symbol,
      side: row.position === "long" ? "sell" : "buy",
      type: PROTECTION_ORDER_TYPE[kind],
      quantity: want.quantity,
      triggerPrice: want.triggerPrice,
      reduceOnly: true,
    },
    status: "pending",
    fills: [],
    attempts: 0,
  };
}

function kindOf(protection: OrderIntent): ProtectionKind {
  return protection.leg.kind === "take_profit" ? "take_profit" : "stop";
}

function numberOf(protection: OrderIntent): number {
  return "n" in protection.leg ? protection.leg.n : 0;
}

function matches(protection: OrderIntent, want: WantedProtection | undefined): boolean {
  return (
    want !== undefined &&
    protection.request.triggerPrice === want.triggerPrice &&
    protection.request.quantity === want.quantity
  );
}

function filledQuantity(intent: OrderIntent): number {
  let sum = 0;
  for (const fill of intent.fills) sum += fill.quantity;
  return sum;
}

function fingerprint(intent: OrderIntent): string {
  return `${intent.status}/${intent.fills.length}/${intent.venueOrderId ?? ""}`;
}
