import type { RunCosts } from "../report/run-costs.js";
import type { TradeRecord } from "./outcome-statistics.js";

/** The results of one walker run on one symbol. */
export interface WalkerSymbolRun {
  /** Strategy name → its trades on this symbol, for the strategies tested so far. */
  readonly results: Map<string, TradeRecord>;
  /** The fees, slippage and fill model every backtest of this run used (the walker's effective config). */
  readonly costs: RunCosts;
}

/**
 * Results of one engine's walker runs, per walker and symbol. A new run of a (walker, symbol) replaces
 * that pair's results; results of other symbols are kept, so `Walker.getData(walkerName)` can pool them.
 */
export class WalkerStore {
  private readonly byWalker = new Map<string, Map<string, WalkerSymbolRun>>();

  /** Starts a fresh, empty run of `walkerName` on `symbol`. */
  begin(walkerName: string, symbol: string, costs: RunCosts): WalkerSymbolRun {
    let bySymbol = this.byWalker.get(walkerName);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.byWalker.set(walkerName, bySymbol);
    }
    const run: WalkerSymbolRun = { results: new Map(), costs };
    bySymbol.set(symbol, run);
    return run;
  }

  /** The runs of a walker (every symbol, or one), by symbol in the order first run; empty if none. */
  runs(walkerName: string, symbol?: string): Map<string, WalkerSymbolRun> {
    const bySymbol = this.byWalker.get(walkerName);
    if (bySymbol === undefined) return new Map();
    if (symbol === undefined) return new Map(bySymbol);
    const run = bySymbol.get(symbol);
    return run === undefined ? new Map() : new Map([[symbol, run]]);
  }
}
