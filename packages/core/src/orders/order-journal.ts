import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { SignalRow } from "../spec/signal.js";
import { intentsOfRow, isProtectiveLeg, type OrderIntent } from "./order-intent.js";

/** An intent whose order may be at the venue and not finished: pending, sent or open. */
export function isLive(intent: OrderIntent): boolean {
  return intent.status === "pending" || intent.status === "sent" || intent.status === "open";
}

/**
 * Every order intent of one live run, by client order id, in the order decided. It is part of the run's persisted
 * state: an intent is in the journal (and written) before it is ever sent, so a restart knows every order the
 * process may have placed.
 */
export class OrderJournal {
  private readonly byId = new Map<string, OrderIntent>();

  /** `prefix`: the client order id prefix of the deployment (default `"cw"`). */
  constructor(readonly prefix?: string) {}

  /**
   * The market's lot step (`Broker.quantityStep`), once known: planned quantities are put on it (`onLotStep`).
   * Null: quantities as the rows have them.
   */
  lotStep: number | null = null;

  /** Adds the intents of `row`'s fills that the journal does not have yet; returns how many were new. */
  plan(row: SignalRow): number {
    let added = 0;
    for (const intent of intentsOfRow(row, this.prefix, this.lotStep)) {
      if (this.byId.has(intent.clientOrderId)) continue;
      this.byId.set(intent.clientOrderId, intent);
      added++;
    }
    return added;
  }

  /** Adds an intent decided outside a row's fills (a protection); refuses a client order id already used. */
  add(intent: OrderIntent): void {
    if (this.byId.has(intent.clientOrderId)) {
      throw new InvalidArgumentError(
        "OrderJournal.add",
        "clientOrderId",
        intent.clientOrderId,
        "an id not in the journal yet",
      );
    }
    this.byId.set(intent.clientOrderId, intent);
  }

  /** The intents of one signal, in the order decided. */
  ofSignal(signalId: string): OrderIntent[] {
    return [...this.byId.values()].filter((intent) => intent.signalId === signalId);
  }

  /** True while a protection of `signalId` may rest on the venue (pending, sent or open). */
  hasLiveProtection(signalId: string): boolean {
    for (const intent of this.byId.values()) {
      if (intent.signalId === signalId && isProtectiveLeg(intent.leg) && isLive(intent)) return true;
    }
    return false;
  }

  get(clientOrderId: string): OrderIntent | undefined {
    return this.byId.get(clientOrderId);
  }

  /** Intents whose outcome is not final yet (pending, sent or open), in the order decided. */
  unsettled(): OrderIntent[] {
    return [...this.byId.values()].filter(isLive);
  }

  all(): OrderIntent[] {
    return [...this.byId.values()];
  }

  /** Forgets the settled intents of signals other than `keep` (a closed signal's orders are done with). */
  prune(keep: ReadonlySet<string>): void {
    for (const [id, intent] of this.byId) {
      const settled =
        intent.status === "filled" || intent.status === "cancelled" || intent.status === "rejected";
      if (settled && !keep.has(intent.signalId)) this.byId.delete(id);
    }
  }

  /** A JSON copy for the run's state. */
  snapshot(): OrderIntent[] {
    return structuredClone(this.all());
  }

  restore(intents: readonly OrderIntent[]): void {
    this.byId.clear();
    for (const intent of intents) this.byId.set(intent.clientOrderId, structuredClone(intent));
  }
}
