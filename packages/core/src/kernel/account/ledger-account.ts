import { CandlewickError } from "../../errors/candlewick-error.js";
import type { PositionFill } from "../../spec/position.js";
import { DAY_MS } from "../../statistics/daily-returns.js";
import { Account, type AccountHolding, type FillsAmendment } from "./account.js";

/** What one run contributed to a shared account: persisted with the run's own state, so a restart can rebuild it. */
export interface LedgerSnapshot {
  /** Σ realised gains − Σ fees of every fill of the run (the open position's included), quote. */
  readonly realized: number;
  /** UTC day (days since the epoch) of the run's latest fill; null before its first. */
  readonly day: number | null;
  /** Realised PnL, fees deducted, of the run's fills on `day`. */
  readonly dayPnl: number;
}

/**
 * What `ledgerOf` returns: a plain JSON value, made by a class rather than an object literal because V8 (Node 20)
 * deoptimised the literal, and the live tick loop it is inlined in, over and over once `realized` went from 0 to
 * a fraction: a replay of 20 live runs spent about half its time there.
 */
class LedgerSnapshotValue implements LedgerSnapshot {
  readonly realized: number;
  readonly day: number | null;
  readonly dayPnl: number;
  constructor(realized: number, day: number | null, dayPnl: number) {
    this.realized = realized;
    this.day = day;
    this.dayPnl = dayPnl;
  }
}

interface Ledger {
  readonly key: string;
  realized: number;
  /** Cost basis held, moved by the same operations in the same order as the runner's own `basis`. */
  basis: number;
  day: number;
  dayPnl: number;
}

/**
 * An account shared by several runs (an engine's live runs on one exchange: one venue account), whose every
 * figure is derived from per-run ledgers. Each run's ledger is persisted atomically with that run's own state, so
 * after a crash the account is rebuilt from the states alone; a single snapshot of the shared account could not be
 * (the runs write their states separately, and a state written after another run's tick would count that tick again
 * when the other run re-runs it).
 *
 * Cash is `initialCapital + Σ (realized − basis)` over the ledgers in key order, recomputed after every change,
 * and day PnL the sum over the ledgers whose latest fill is on the asked day: the uninterrupted process and a
 * restored one compute them from the same numbers in the same order, so they agree bit for bit.
 */
export class LedgerAccount extends Account {
  private readonly ledgers = new Map<AccountHolding, Ledger>();
  /** Ledgers sorted by key: the order every sum runs in. */
  private ordered: Ledger[] = [];

  /** Adds a run's ledger (empty, or as its persisted state left it). */
  join(holding: AccountHolding, key: string, stored?: LedgerSnapshot): void {
    const ledger: Ledger = {
      key,
      realized: stored?.realized ?? 0,
      basis: 0,
      day: stored?.day ?? Number.NaN,
      dayPnl: stored?.dayPnl ?? 0,
    };
    this.ledgers.set(holding, ledger);
    this.order();
  }

  /** Removes a run that stopped: its persisted ledger comes back with it on its next start. */
  leave(holding: AccountHolding): void {
    if (!this.ledgers.delete(holding)) return;
    super.release(holding);
    this.order();
  }

  /** Runs sharing the account. */
  get size(): number {
    return this.ledgers.size;
  }

  /** What to persist with `holding`'s state. */
  ledgerOf(holding: AccountHolding): LedgerSnapshot {
    const ledger = this.require(holding);
    return new LedgerSnapshotValue(
      ledger.realized,
      Number.isNaN(ledger.day) ? null : ledger.day,
      ledger.dayPnl,
    );
  }

  override restore(holding: AccountHolding, basis: number): void {
    this.hold(holding);
    this.require(holding).basis = basis;
    this.recompute();
  }

  override release(holding: AccountHolding): void {
    super.release(holding);
    // The runner drops what float noise leaves of the basis once a position is closed; so does its ledger.
    const ledger = this.ledgers.get(holding);
    if (ledger !== undefined) {
      ledger.basis = 0;
      this.recompute();
    }
  }

  override entry(fill: PositionFill, holding?: AccountHolding): void {
    super.entry(fill);
    const ledger = this.require(holding);
    ledger.basis += fill.value;
    ledger.realized -= fill.fee;
    book(ledger, fill.timestamp, -fill.fee);
    this.recompute();
  }

  override exit(fill: PositionFill, released: number, gain: number, holding?: AccountHolding): void {
    super.exit(fill, released, gain);
    const ledger = this.require(holding);
    ledger.basis -= released;
    ledger.realized += gain - fill.fee;
    book(ledger, fill.timestamp, gain - fill.fee);
    this.recompute();
  }

  override amend(change: FillsAmendment, holding?: AccountHolding): void {
    super.amend(change);
    const ledger = this.require(holding);
    ledger.basis += change.basis;
    ledger.realized += change.realized;
    if (Math.floor(change.timestamp / DAY_MS) === ledger.day) ledger.dayPnl += change.realized;
    this.recompute();
  }

  override dayPnlAt(when: number): number {
    const day = Math.floor(when / DAY_MS);
    let pnl = 0;
    for (const ledger of this.ordered) if (ledger.day === day) pnl += ledger.dayPnl;
    return pnl;
  }

  private order(): void {
    this.ordered = [...this.ledgers.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.recompute();
  }

  private recompute(): void {
    let cash = this.initialCapital;
    for (const ledger of this.ordered) cash += ledger.realized - ledger.basis;
    this.cash = cash;
  }

  private require(holding: AccountHolding | undefined): Ledger {
    const ledger = holding === undefined ? undefined : this.ledgers.get(holding);
    if (ledger === undefined) {
      // A kernel bug, not bad input: every run joins its account before it trades.
      throw new CandlewickError(
        "ACCOUNT_NOT_JOINED",
        "[core] a fill was booked to a shared account by a run that has not joined it",
      );
    }
    return ledger;
  }
}

function book(ledger: Ledger, timestamp: number, pnl: number): void {
  const day = Math.floor(timestamp / DAY_MS);
  if (day !== ledger.day) {
    ledger.day = day;
    ledger.dayPnl = 0;
  }
  ledger.dayPnl += pnl;
}
