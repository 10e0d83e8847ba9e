import type {
  BacktestResult,
  ClosedResult,
  Engine,
  PortfolioData,
  RiskSchema,
  StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  breakout,
  collect,
  dipLadder,
  EXCHANGE,
  FRAME,
  portfolioEngine,
  SYMBOLS,
  shortDca,
} from "./portfolio-strategies.test-helpers.js";

// Invariants of a portfolio backtest on real candles (3 symbols × 3 strategies, 7 days), each checked by an
// independent computation from the trades' own fills, never by reading the account back.
const TIGHT = { initialCapital: 1000, sizing: { kind: "fixed-cost", cost: 300 } } as const;
const ALL = [breakout, dipLadder, shortDca].map((strategy) => strategy.strategyName);

async function runPortfolio(
  engine: Engine,
  strategies = ALL,
): Promise<{ results: BacktestResult[]; data: PortfolioData }> {
  const results = await collect(
    engine.Portfolio.run({ symbols: [...SYMBOLS], strategies, exchangeName: EXCHANGE, frameName: FRAME }),
  );
  return { results, data: engine.Portfolio.getData() };
}

const closedOf = (results: readonly BacktestResult[]) =>
  results.filter((result): result is ClosedResult => result.action === "closed");

/** A trade's net PnL from its fills alone: what was received minus what was paid, minus every fee. */
function netFromFills(trade: ClosedResult): number {
  const sign = trade.signal.position === "long" ? 1 : -1;
  let net = 0;
  for (const fill of trade.signal.entries) net -= sign * fill.fillPrice * fill.quantity + fill.fee;
  for (const fill of trade.signal.exits) net += sign * fill.fillPrice * fill.quantity - fill.fee;
  return net;
}

/** Most positions open at once, by a sweep over the trades' [open, close) intervals. */
function maxOverlap(trades: readonly ClosedResult[]): number {
  const edges = trades.flatMap((trade) => [
    [trade.signal.pendingAt, 1],
    [trade.closeTimestamp, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let open = 0;
  let most = 0;
  for (const [, delta] of edges) {
    open += delta!;
    most = Math.max(most, open);
  }
  return most;
}

/** Largest Σ entry value held at the time of any entry fill (trades without partial exits: nothing is released early). */
function maxHeldAtEntries(trades: readonly ClosedResult[]): number {
  let most = 0;
  for (const fill of trades.flatMap((trade) => trade.signal.entries)) {
    let held = 0;
    for (const trade of trades) {
      if (trade.closeTimestamp <= fill.timestamp) continue;
      for (const entry of trade.signal.entries)
        if (entry.timestamp <= fill.timestamp) held += entry.fillPrice * entry.quantity;
    }
    most = Math.max(most, held);
  }
  return most;
}

/** Registers `risk` and copies of `strategies` that name it, runs them as a portfolio, and records the rejected rules. */
async function runSharing(engine: Engine, risk: RiskSchema, strategies: readonly StrategySchema[]) {
  engine.addRisk(risk);
  const names: string[] = [];
  for (const strategy of strategies) {
    const strategyName = `${strategy.strategyName}-${risk.riskName}`;
    engine.addStrategy({ ...strategy, strategyName, riskName: risk.riskName });
    names.push(strategyName);
  }
  const rejected: string[] = [];
  engine.listenRisk((rejection) => rejected.push(rejection.rule));
  return { ...(await runPortfolio(engine, names)), rejected };
}

describe("portfolio backtest invariants on real candles", () => {
  it("final equity = initial capital + realised PnL − fees, to the cent", async () => {
    const { results, data } = await runPortfolio(portfolioEngine(TIGHT));
    const trades = closedOf(results);
    expect(trades.length).toBeGreaterThan(20);
    // The cash binds: entries were refused, so positions did compete for the capital.
    expect(data.rejectedEntries).toBeGreaterThan(0);
    const net = trades.reduce((sum, trade) => sum + netFromFills(trade), 0);
    expect(Math.abs(data.statistics.finalEquity - (1000 + net))).toBeLessThan(0.005);
    expect(Math.abs(data.ledger.finalCash - (1000 + net))).toBeLessThan(0.005);
    expect(Math.abs(data.ledger.realizedGross - data.ledger.fees - net)).toBeLessThan(0.005);
    expect(data.equity.openPositions.at(-1)).toBe(0);
  }, 120_000);

  it("cash never goes below zero without margin, and does with it", async () => {
    const { data } = await runPortfolio(portfolioEngine(TIGHT));
    const lowest = Math.min(...data.equity.cash);
    expect(lowest).toBeGreaterThanOrEqual(0);
    // It came close: less than one more entry's cost was left at some instant.
    expect(lowest).toBeLessThan(300);
    const margin = await runPortfolio(portfolioEngine({ ...TIGHT, allowMargin: true }));
    expect(Math.min(...margin.data.equity.cash)).toBeLessThan(0);
    expect(margin.data.rejectedEntries).toBe(0);
  }, 120_000);

  it("never more positions open at once than maxConcurrentPositions", async () => {
    const engine = portfolioEngine({ initialCapital: 1e9 });
    const { results, data, rejected } = await runSharing(
      engine,
      { riskName: "two-at-a-time", maxConcurrentPositions: 2 },
      [breakout, dipLadder, shortDca],
    );
    expect(maxOverlap(closedOf(results))).toBe(2);
    expect(Math.max(...data.equity.openPositions)).toBe(2);
    expect(rejected.filter((rule) => rule === "maxConcurrentPositions").length).toBeGreaterThan(0);
  }, 120_000);

  it("never more exposure than maxExposure, DCA adds included", async () => {
    const engine = portfolioEngine({ initialCapital: 1e9, sizing: { kind: "fixed-cost", cost: 200 } });
    const { results, data, rejected } = await runSharing(
      engine,
      { riskName: "exposure-450", maxExposure: 450 },
      [breakout, shortDca],
    );
    const trades = closedOf(results);
    expect(trades.some((trade) => trade.signal.entries.length > 1)).toBe(true);
    expect(maxHeldAtEntries(trades)).toBeLessThanOrEqual(450 + 1e-9);
    expect(Math.max(...data.equity.exposure)).toBeLessThanOrEqual(450 + 1e-9);
    expect(rejected.filter((rule) => rule === "maxExposure").length).toBeGreaterThan(0);
  }, 120_000);

  it("the same run twice is byte-identical, on the same engine and on a fresh one", async () => {
    const engine = portfolioEngine(TIGHT);
    const first = await runPortfolio(engine);
    const again = await runPortfolio(engine);
    const fresh = await runPortfolio(portfolioEngine(TIGHT));
    const text = JSON.stringify(first);
    expect(text.length).toBeGreaterThan(10_000);
    expect(JSON.stringify(again)).toBe(text);
    expect(JSON.stringify(fresh)).toBe(text);
  }, 120_000);
});
