import { ACCOUNT_RISK_NAME } from "../../risk/account-risk-name.js";
import type { RiskMembers } from "../../risk/risk-members.js";
import type { PositionFill } from "../../spec/position.js";
import type { RiskContext, RiskPosition } from "../../spec/risk.js";
import { DAY_MS } from "../../statistics/daily-returns.js";

/** What the account needs from each position it holds (a `SignalRunner` that is open or scheduled). */
export interface AccountHolding {
  /** The position as risk checks see it; null once it is idle. */
  riskPosition(): RiskPosition | null;
  /** Cash the position would hand back if closed at the last close known at `when`, before exit costs. */
  markValue(when: number): number;
  /** Cost basis held while the position is open; 0 while scheduled or idle (no object made: sampled per instant). */
  openBasis(): number;
  /** Cost a scheduled entry reserves until it fills; 0 once open or idle. */
  reservedCost(): number;
}

/** How amending a position's fills changed what the account holds (see `Account.amend`). Quote amounts. */
export interface FillsAmendment {
  readonly basis: number;
  readonly realized: number;
  readonly fees: number;
  /** When the latest amended fill happened. */
  readonly timestamp: number;
}

/** A rejection the account itself makes, before any registered risk is asked. */
export interface AccountVerdict {
  readonly riskName: string;
  readonly rule: string;
  readonly reason: string;
}

/**
 * The capital a run trades with: cash, the positions holding the rest, and today's realised PnL. One account per
 * single-symbol backtest; one shared by every (strategy, symbol) of a portfolio backtest, so sizing and risk see
 * the true concurrent state. Fills change it the moment they happen, and the portfolio loop never lets a position
 * run ahead of the clock, so the order of changes is the order of time.
 *
 * Cash flows: an entry pays its value and fee; an exit returns the cost basis it releases plus its gain (which is
 * the exit value for a long; a short's collateral plus what it made) minus its fee. So once everything is closed,
 * cash = initial capital + Σ gains − Σ fees, the invariant the portfolio tests check to the cent.
 */
export class Account {
  cash: number;
  private readonly holdings = new Set<AccountHolding>();
  private day = Number.NaN;
  private dayPnl = 0;
  /** Σ fees paid and Σ gross gains realised, over the account's life. */
  fees = 0;
  realizedGross = 0;
  /** Entries the account's cash or a risk refused. */
  rejectedEntries = 0;

  /**
   * @param members Which strategies share each risk (a portfolio of several strategies): a risk counts only
   *   their positions. Without it every position of the account counts.
   */
  constructor(
    readonly initialCapital: number,
    readonly allowMargin: boolean,
    readonly members?: RiskMembers,
  ) {
    this.cash = initialCapital;
  }

  hold(holding: AccountHolding): void {
    this.holdings.add(holding);
  }

  release(holding: AccountHolding): void {
    this.holdings.delete(holding);
  }

  /** A position restored from persisted state: its cost basis is held, not cash (its fees were paid before). */
  restore(holding: AccountHolding, basis: number): void {
    this.holdings.add(holding);
    this.cash -= basis;
  }

  /** Cost reserved by scheduled entries that have not filled yet. */
  reserved(): number {
    let reserved = 0;
    for (const holding of this.holdings) reserved += holding.reservedCost();
    return reserved;
  }

  /** Cash plus every position marked at the last close known at `when`. */
  equity(when: number): number {
    let equity = this.cash;
    for (const holding of this.holdings) equity += holding.markValue(when);
    return equity;
  }

  /** Σ cost basis of the open positions and reserved cost of the scheduled ones. */
  exposure(): number {
    let exposure = 0;
    for (const holding of this.holdings) exposure += holding.riskPosition()?.exposure ?? 0;
    return exposure;
  }

  /** Σ cost basis and count of the positions that are open (scheduled entries left out): an equity sample's. */
  openBook(): { exposure: number; count: number } {
    let exposure = 0;
    let count = 0;
    for (const holding of this.holdings) {
      const basis = holding.openBasis();
      if (basis === 0) continue;
      exposure += basis;
      count++;
    }
    return { exposure, count };
  }

  positions(): RiskPosition[] {
    const out: RiskPosition[] = [];
    for (const holding of this.holdings) {
      const position = holding.riskPosition();
      if (position !== null) out.push(position);
    }
    return out;
  }

  /** Realised PnL (fees deducted) of the fills on the UTC day of `when`. */
  dayPnlAt(when: number): number {
    return Math.floor(when / DAY_MS) === this.day ? this.dayPnl : 0;
  }

  /** The context every risk validation gets. */
  riskContext(candidate: RiskContext["candidate"], when: number, backtest: boolean): RiskContext {
    return {
      candidate,
      positions: this.positions(),
      equity: this.equity(when),
      cash: this.cash,
      dayPnl: this.dayPnlAt(when),
      timestamp: when,
      backtest,
    };
  }

  /** Refuses an entry the cash cannot pay for (fee included), unless margin is allowed. */
  checkCash(cost: number, fee: number): AccountVerdict | null {
    if (this.allowMargin || cost + fee <= this.cash + 1e-9) return null;
    return {
      riskName: ACCOUNT_RISK_NAME,
      rule: "cash",
      reason: `the entry costs ${round2(cost + fee)} (fee included) but the cash is ${round2(this.cash)}; lower the size or set allowMargin`,
    };
  }

  /** An entry fill of `holding` (which an account that keeps per-run ledgers books it to). */
  entry(fill: PositionFill, _holding?: AccountHolding): void {
    this.cash -= fill.value + fill.fee;
    this.fees += fill.fee;
    this.book(fill.timestamp, -fill.fee);
  }

  /** An exit that released `released` of cost basis and gained `gain` before its fee. */
  exit(fill: PositionFill, released: number, gain: number, _holding?: AccountHolding): void {
    this.cash += released + gain - fill.fee;
    this.fees += fill.fee;
    this.realizedGross += gain;
    this.book(fill.timestamp, gain - fill.fee);
  }

  /**
   * Live with a broker: the venue's fills of `holding`'s position replaced the fill model's, which changed its
   * held basis, its realised PnL (fees deducted) and its fees by these amounts. The PnL counts in the day of
   * `timestamp` when that is the account's current day (an amendment never moves the day on).
   */
  amend(change: FillsAmendment, _holding?: AccountHolding): void {
    this.cash += change.realized - change.basis;
    this.fees += change.fees;
    this.realizedGross += change.realized + change.fees;
    if (Math.floor(change.timestamp / DAY_MS) === this.day) this.dayPnl += change.realized;
  }

  private book(timestamp: number, pnl: number): void {
    const day = Math.floor(timestamp / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayPnl = 0;
    }
    this.dayPnl += pnl;
  }
}

function round2(value: number): string {
  return value.toFixed(2);
}
