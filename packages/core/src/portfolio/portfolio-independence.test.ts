import type { ClosedResult } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  collect,
  EXCHANGE,
  FRAME,
  portfolioEngine,
  STRATEGIES,
  SYMBOLS,
} from "./portfolio-strategies.test-helpers.js";

// With capital no entry can exhaust and no risk, nothing couples the symbols: the portfolio clock must then give
// every (strategy, symbol) exactly the trades its own backtest gives. The independent backtests run on another
// engine, one at a time, through Backtest.run.
const UNLIMITED = { initialCapital: 1e12 };

describe("portfolio backtest with unlimited capital and no limits", () => {
  it("gives each symbol and strategy the trades of its own backtest, fills and level moves included", async () => {
    const portfolio = portfolioEngine(UNLIMITED);
    const strategies = STRATEGIES.map((strategy) => strategy.strategyName);
    const results = await collect(
      portfolio.Portfolio.run({
        symbols: [...SYMBOLS],
        strategies,
        exchangeName: EXCHANGE,
        frameName: FRAME,
      }),
    );
    const single = portfolioEngine(UNLIMITED);
    let compared = 0;
    for (const strategyName of strategies) {
      for (const symbol of SYMBOLS) {
        const own = await collect(
          single.Backtest.run(symbol, { strategyName, exchangeName: EXCHANGE, frameName: FRAME }),
        );
        const mine = results.filter(
          (result) => result.symbol === symbol && result.strategyName === strategyName,
        );
        expect(mine.length, `${strategyName} on ${symbol}`).toBeGreaterThan(0);
        expect(JSON.stringify(mine)).toBe(JSON.stringify(own));
        compared += own.length;
      }
    }
    // The comparison covers every part of the position model.
    const closed = results.filter((result): result is ClosedResult => result.action === "closed");
    expect(compared).toBe(results.length);
    expect(
      closed.some((trade) => trade.signal.exits.some((fill) => fill.reason === "take_profit_ladder")),
    ).toBe(true);
    expect(
      closed.some((trade) => trade.signal.levelChanges.some((change) => change.cause === "trailing_stop")),
    ).toBe(true);
    expect(closed.some((trade) => trade.signal.entries.length > 1)).toBe(true);
  }, 120_000);

  it("alone on the clock, a (strategy, symbol) still trades as its backtest: no other lane makes the clock stop", async () => {
    for (const { strategyName } of STRATEGIES) {
      const names = { exchangeName: EXCHANGE, frameName: FRAME };
      const options = { ...names, strategyName };
      const alone = await collect(
        portfolioEngine(UNLIMITED).Portfolio.run({
          ...names,
          symbols: ["SOLUSDT"],
          strategies: [strategyName],
        }),
      );
      const own = await collect(portfolioEngine(UNLIMITED).Backtest.run("SOLUSDT", options));
      expect(own.length, strategyName).toBeGreaterThan(0);
      expect(JSON.stringify(alone)).toBe(JSON.stringify(own));
    }
  }, 120_000);
});
