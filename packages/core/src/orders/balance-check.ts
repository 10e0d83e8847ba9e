import type { Broker, BrokerFill } from "../spec/broker.js";
import { isOwnClientOrderId } from "./client-order-id.js";

/** A spot base balance the deployment's fills do not explain. */
export interface BalanceMismatch {
  readonly symbol: string;
  readonly currency: string;
  /** The balance the last pass saw plus the deployment's fills since. */
  readonly expected: number;
  /** The venue's total balance now. */
  readonly actual: number;
  /** When the last pass saw the balance (run clock). */
  readonly since: number;
  /** Fills since then of orders without the deployment's prefix (a manual trade, another bot). */
  readonly foreignFills: readonly string[];
}

/** Fills stamped this long before the last pass are still read: the venue's and the run's clocks may differ. */
const CLOCK_MARGIN_MS = 10 * 60_000;

interface Baseline {
  readonly total: number;
  readonly at: number;
  readonly fillIds: ReadonlySet<string>;
}

/**
 * The balance check of a spot symbol (a venue without positions, whose broker has `fetchMarket`): from one pass
 * to the next, the base balance may move only by the fills of orders with the deployment's prefix (buys add,
 * sells take away, a fee charged in the base takes it off). A fill of any other order on the symbol, or a move no
 * fill explains (a deposit, a withdrawal, a transfer), is a mismatch. The fills are read before and after the
 * balance; when the two reads differ (a resting order filled in between) the pass checks nothing and the next
 * one checks the whole span. The first pass (at start) only takes the baseline, which lives in the process: a
 * restart takes a new one, so what moved while the process was down is the start reconciliation's to judge.
 */
export class BalanceCheck {
  private baseline: Baseline | null = null;
  private base: string | null | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly symbol: string,
    private readonly prefix: string,
  ) {}

  /** Checks against the last pass and takes the new baseline; null when nothing is wrong (or nothing to check). */
  async pass(when: number): Promise<BalanceMismatch | null> {
    const base = await this.baseCurrency();
    if (base === null) return null;
    const since = (this.baseline?.at ?? when) - CLOCK_MARGIN_MS;
    const before = await this.broker.fetchFills(this.symbol, since);
    const balances = await this.broker.fetchBalance();
    const after = await this.broker.fetchFills(this.symbol, since);
    const total = balances.find((balance) => balance.currency === base)?.total ?? 0;
    const ids = new Set(after.map((fill) => fill.fillId));
    if (before.length !== after.length || before.some((fill) => !ids.has(fill.fillId))) return null;
    const last = this.baseline;
    this.baseline = { total, at: when, fillIds: ids };
    if (last === null) return null;
    const fresh = after.filter((fill) => !last.fillIds.has(fill.fillId));
    const foreign = fresh.filter((fill) => !isOwnClientOrderId(fill.clientOrderId, this.prefix));
    const expected =
      last.total +
      fresh
        .filter((fill) => !foreign.includes(fill))
        .reduce((sum, fill) => sum + baseChangeOf(fill, base), 0);
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (foreign.length === 0 && Math.abs(total - expected) <= tolerance) return null;
    return {
      symbol: this.symbol,
      currency: base,
      expected,
      actual: total,
      since: last.at,
      foreignFills: foreign.map(
        (fill) => `${fill.clientOrderId || fill.venueOrderId} ${fill.side} ${fill.quantity}`,
      ),
    };
  }

  /** The market's base currency; null where there is nothing to check (positions venues, no `fetchMarket`). */
  private async baseCurrency(): Promise<string | null> {
    if (this.base !== undefined) return this.base;
    const { broker } = this;
    this.base =
      broker.capabilities.positions || broker.fetchMarket === undefined
        ? null
        : (await broker.fetchMarket(this.symbol)).base;
    return this.base;
  }
}

/** What one fill does to the base balance. */
function baseChangeOf(fill: BrokerFill, base: string): number {
  const traded = fill.side === "buy" ? fill.quantity : -fill.quantity;
  return fill.feeCurrency === base ? traded - fill.fee : traded;
}
