import type { ClosedResult } from "../tick-result.js";
import type { CapitalStatistics, TradeBreakdown } from "./capital-statistics.js";
import type { RunCosts } from "./run-costs.js";

/**
 * The equity curve of a portfolio backtest as columns (one entry per sample, same index), sampled at every
 * instant of the portfolio clock: each tick where a strategy was asked, an open position looked at, or a hook
 * ran, after everything due then was processed. Plain arrays, so the data is JSON.
 */
export interface PortfolioEquityCurve {
  /** Epoch ms. */
  readonly timestamps: readonly number[];
  /** Cash + every open position marked at the last closed 1m candle (quote). */
  readonly equity: readonly number[];
  /** Cash (quote); never negative unless `allowMargin`. */
  readonly cash: readonly number[];
  /** Σ cost basis of the open positions (quote); scheduled entries are not counted until they fill. */
  readonly exposure: readonly number[];
  /** Positions open at that instant. */
  readonly openPositions: readonly number[];
  /** (running peak − equity) / running peak × 100; the first peak is the initial capital. */
  readonly drawdownPercent: readonly number[];
}

/** How the capital ended up: what the equity curve's last point is made of. Quote currency. */
export interface PortfolioLedger {
  readonly initialCapital: number;
  /** Cash after the last fill. */
  readonly finalCash: number;
  /** Σ gross PnL of every exit (before fees). */
  readonly realizedGross: number;
  /** Σ fees of every fill. */
  readonly fees: number;
  /** Σ pnlCost of the closed trades (= realizedGross − fees once nothing is open). */
  readonly netPnl: number;
}

/**
 * `Portfolio.getData`: one portfolio backtest (many symbols and strategies on one clock, one account): its
 * capital statistics, its equity and drawdown curve, the trades broken down per symbol and strategy, and every
 * closed trade. JSON-serialisable.
 */
export interface PortfolioData {
  readonly portfolioName: string;
  readonly exchangeName: string;
  readonly frameName: string;
  /** In the run's order: the order fills are processed in within one instant. */
  readonly symbols: readonly string[];
  /** In the run's order: with the symbols, the (strategy, symbol) order new signals are asked in. */
  readonly strategies: readonly string[];
  readonly periodStart: number;
  /** The frame's end, or the last close after it when a position outlived the frame. */
  readonly periodEnd: number;
  readonly statistics: CapitalStatistics;
  readonly ledger: PortfolioLedger;
  readonly equity: PortfolioEquityCurve;
  readonly breakdown: TradeBreakdown;
  /** Entries the account or a risk refused during the run. */
  readonly rejectedEntries: number;
  /** Every closed trade, in the order the portfolio clock closed them. */
  readonly signalList: readonly ClosedResult[];
  readonly costs: RunCosts;
}
