import { distinctRunCosts, type RunCosts } from "../report/run-costs.js";
import type { ClosedResult } from "../spec/tick-result.js";

/** The record of one run; a run appends only to its own record, even if a newer run replaced it. */
export interface SymbolTrades {
  readonly trades: ClosedResult[];
  readonly periodStart: number;
  readonly periodEnd: number;
  /** The fees, slippage and fill model the run computed its PnL with. */
  readonly costs: RunCosts;
}

/** Where one backtest run records its closed trades: it starts the run's own record once, then appends to it. */
export interface BacktestRecorder {
  start(
    strategyName: string,
    symbol: string,
    periodStart: number,
    periodEnd: number,
    costs: RunCosts,
  ): SymbolTrades;
}

/**
 * Every closed trade of one engine's backtests, per strategy and symbol, kept in full (statistics
 * are never computed over a truncated window). A new run of a (strategy, symbol) replaces that pair's
 * trades; two concurrent runs of the same pair never mix their trades.
 */
export class TradeJournal implements BacktestRecorder {
  private readonly byStrategy = new Map<string, Map<string, SymbolTrades>>();

  /**
   * Starts a fresh record for a run over `[periodStart, periodEnd)` and returns it; the run appends its trades
   * to it. The newest run of a (strategy, symbol) is the one `read` reports.
   */
  start(
    strategyName: string,
    symbol: string,
    periodStart: number,
    periodEnd: number,
    costs: RunCosts,
  ): SymbolTrades {
    let bySymbol = this.byStrategy.get(strategyName);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.byStrategy.set(strategyName, bySymbol);
    }
    const record: SymbolTrades = { trades: [], periodStart, periodEnd, costs };
    bySymbol.set(symbol, record);
    return record;
  }

  /** The trades of a strategy (all symbols, or one) and the union of their periods; null if it never ran. */
  read(
    strategyName: string,
    symbol?: string,
  ): { trades: ClosedResult[]; periodStart: number; periodEnd: number; costs: RunCosts[] } | null {
    const bySymbol = this.byStrategy.get(strategyName);
    if (bySymbol === undefined) return null;
    const entries =
      symbol === undefined ? [...bySymbol.values()] : [bySymbol.get(symbol)].filter((e) => e !== undefined);
    if (entries.length === 0) return null;
    return {
      trades: entries.flatMap((entry) => entry.trades),
      periodStart: Math.min(...entries.map((entry) => entry.periodStart)),
      periodEnd: Math.max(...entries.map((entry) => entry.periodEnd)),
      costs: distinctRunCosts(entries.map((entry) => entry.costs)),
    };
  }

  /** Symbols a strategy has trades recorded for. */
  symbols(strategyName: string): string[] {
    return [...(this.byStrategy.get(strategyName)?.keys() ?? [])];
  }
}
