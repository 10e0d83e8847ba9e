import type { Account } from "../kernel/account/account.js";
import type { PortfolioData } from "../spec/reports/portfolio-data.js";
import type { ClosedResult } from "../spec/tick-result.js";

/** What a portfolio run was: fixed when it starts (`periodEnd` is the frame's end). */
export type PortfolioRunInfo = Pick<
  PortfolioData,
  | "portfolioName"
  | "exchangeName"
  | "frameName"
  | "symbols"
  | "strategies"
  | "periodStart"
  | "periodEnd"
  | "costs"
>;

/**
 * The record of one portfolio backtest: its equity curve as columns (one push per clock instant, nothing per
 * candle) and its closed trades, with the account they came from. The run appends; `Portfolio.getData` reads.
 */
export class PortfolioRecord {
  readonly timestamps: number[] = [];
  readonly equity: number[] = [];
  readonly cash: number[] = [];
  readonly exposure: number[] = [];
  readonly openPositions: number[] = [];
  readonly trades: ClosedResult[] = [];

  constructor(
    readonly info: PortfolioRunInfo,
    readonly account: Account,
  ) {}

  /** Samples the account at `when`, once everything due then was processed. */
  sample(when: number): void {
    const { account } = this;
    const book = account.openBook();
    const last = this.timestamps.length - 1;
    // Two stops at one instant cannot happen, but a later sample at the same time must replace, not repeat.
    const at = last >= 0 && this.timestamps[last] === when ? last : this.timestamps.length;
    this.timestamps[at] = when;
    this.equity[at] = account.equity(when);
    this.cash[at] = account.cash;
    this.exposure[at] = book.exposure;
    this.openPositions[at] = book.count;
  }
}

/** An engine's portfolio backtests by name; a new run under a name replaces the old record. */
export class PortfolioJournal {
  private readonly byName = new Map<string, PortfolioRecord>();

  start(record: PortfolioRecord): PortfolioRecord {
    this.byName.set(record.info.portfolioName, record);
    return record;
  }

  read(portfolioName: string): PortfolioRecord | undefined {
    return this.byName.get(portfolioName);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
