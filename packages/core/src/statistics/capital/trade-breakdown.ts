import { InvalidArgumentError } from "../../errors/index.js";
import type { NullableBreakdownMetricName, TradeBreakdown, TradeBreakdownRow } from "../../spec/index.js";

const COMPONENT = "tradeBreakdown";
/** Key of the row that covers every trade. */
const TOTAL_KEY = "*";

/**
 * The fields of a closed trade the breakdown reads. A `ClosedResult` has them (`pnl` is a `SignalPnl`); the type
 * is structural so any record with these fields, e.g. a trade loaded from a report, can be broken down.
 */
export interface BreakdownTrade {
  readonly symbol: string;
  readonly strategyName: string;
  readonly pnl: {
    /** Net result in quote currency, fees included. */
    readonly pnlCost: number;
    /** Σ fees of every fill (quote). */
    readonly fees: number;
    /** Σ entry value (quote). */
    readonly invested: number;
    /** Net result in percent of `invested`. */
    readonly pnlPercentage: number;
  };
}

/** Running sums of one key: one mutable object per symbol or strategy, not per trade. */
interface Totals {
  trades: number;
  wins: number;
  losses: number;
  netPnl: number;
  fees: number;
  invested: number;
  bestTrade: number;
  worstTrade: number;
  bestTradePercent: number;
  worstTradePercent: number;
}

/**
 * Breaks closed trades down per symbol and per strategy, in quote currency: counts, net PnL, fees, capital
 * invested, return on it, win rate, each row's share of the total net PnL and its best and worst trade. A win
 * is a trade with pnlCost > 0, a loss one with pnlCost < 0 (the sign of the quote result, which the breakdown
 * is about). Rows are sorted by key in code-unit order, so the result does not depend on the input order
 * (up to the rounding of the sums). Plain JSON. O(N + K log K) for K keys.
 *
 * @param trades closed trades, any order (filter cancelled results out first)
 * @throws InvalidArgumentError naming `trades[i].field` when a field is missing, not finite, or `invested` < 0.
 */
export function tradeBreakdown(trades: readonly BreakdownTrade[]): TradeBreakdown {
  if (!Array.isArray(trades)) {
    throw new InvalidArgumentError(COMPONENT, "trades", trades, "an array of closed trades");
  }
  const bySymbol = new Map<string, Totals>();
  const byStrategy = new Map<string, Totals>();
  const total = emptyTotals();
  for (let i = 0; i < trades.length; i++) {
    const trade = trades[i] as BreakdownTrade | undefined;
    const symbol = textAt(trade?.symbol, i, "symbol");
    const strategyName = textAt(trade?.strategyName, i, "strategyName");
    const pnlCost = finiteAt(trade?.pnl?.pnlCost, i, "pnl.pnlCost");
    const fees = finiteAt(trade?.pnl?.fees, i, "pnl.fees");
    const invested = finiteAt(trade?.pnl?.invested, i, "pnl.invested");
    const pnlPercentage = finiteAt(trade?.pnl?.pnlPercentage, i, "pnl.pnlPercentage");
    if (invested < 0) {
      throw new InvalidArgumentError(COMPONENT, `trades[${i}].pnl.invested`, invested, "a number ≥ 0");
    }
    add(totalsOf(bySymbol, symbol), pnlCost, fees, invested, pnlPercentage);
    add(totalsOf(byStrategy, strategyName), pnlCost, fees, invested, pnlPercentage);
    add(total, pnlCost, fees, invested, pnlPercentage);
  }
  return {
    bySymbol: rowsOf(bySymbol, total.netPnl),
    byStrategy: rowsOf(byStrategy, total.netPnl),
    total: total.trades === 0 ? null : toRow(TOTAL_KEY, total, total.netPnl),
  };
}

function emptyTotals(): Totals {
  return {
    trades: 0,
    wins: 0,
    losses: 0,
    netPnl: 0,
    fees: 0,
    invested: 0,
    bestTrade: Number.NEGATIVE_INFINITY,
    worstTrade: Number.POSITIVE_INFINITY,
    bestTradePercent: Number.NEGATIVE_INFINITY,
    worstTradePercent: Number.POSITIVE_INFINITY,
  };
}

function totalsOf(map: Map<string, Totals>, key: string): Totals {
  let totals = map.get(key);
  if (totals === undefined) {
    totals = emptyTotals();
    map.set(key, totals);
  }
  return totals;
}

function add(totals: Totals, pnlCost: number, fees: number, invested: number, pnlPercentage: number): void {
  totals.trades++;
  if (pnlCost > 0) totals.wins++;
  else if (pnlCost < 0) totals.losses++;
  totals.netPnl += pnlCost;
  totals.fees += fees;
  totals.invested += invested;
  if (pnlCost > totals.bestTrade) totals.bestTrade = pnlCost;
  if (pnlCost < totals.worstTrade) totals.worstTrade = pnlCost;
  if (pnlPercentage > totals.bestTradePercent) totals.bestTradePercent = pnlPercentage;
  if (pnlPercentage < totals.worstTradePercent) totals.worstTradePercent = pnlPercentage;
}

function rowsOf(map: Map<string, Totals>, totalNetPnl: number): TradeBreakdownRow[] {
  const keys = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => toRow(key, map.get(key)!, totalNetPnl));
}

function toRow(key: string, totals: Totals, totalNetPnl: number): TradeBreakdownRow {
  const unavailable: Partial<Record<NullableBreakdownMetricName, string>> = {};
  const missing = (name: NullableBreakdownMetricName, reason: string): null => {
    unavailable[name] = reason;
    return null;
  };
  const decided = totals.wins + totals.losses;
  return {
    key,
    trades: totals.trades,
    wins: totals.wins,
    losses: totals.losses,
    netPnl: plain(totals.netPnl),
    fees: plain(totals.fees),
    invested: plain(totals.invested),
    returnOnInvestedPercent:
      totals.invested > 0
        ? plain((totals.netPnl / totals.invested) * 100)
        : missing("returnOnInvestedPercent", "nothing invested (invested is 0)"),
    winRate:
      decided > 0
        ? (totals.wins / decided) * 100
        : missing("winRate", "no winning or losing trades (all breakeven)"),
    shareOfNetPnlPercent:
      totalNetPnl !== 0
        ? plain((totals.netPnl / totalNetPnl) * 100)
        : missing("shareOfNetPnlPercent", "the total net PnL is 0"),
    bestTrade: plain(totals.bestTrade),
    worstTrade: plain(totals.worstTrade),
    bestTradePercent: plain(totals.bestTradePercent),
    worstTradePercent: plain(totals.worstTradePercent),
    unavailable,
  };
}

/** −0 becomes 0, so the row survives a JSON round trip deep-equal. */
function plain(value: number): number {
  return value === 0 ? 0 : value;
}

function textAt(value: unknown, index: number, field: string): string {
  if (typeof value === "string") return value;
  throw new InvalidArgumentError(COMPONENT, `trades[${index}].${field}`, value, "a string");
}

function finiteAt(value: unknown, index: number, field: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new InvalidArgumentError(COMPONENT, `trades[${index}].${field}`, value, "a finite number");
}
