import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors/index.js";
import type { TradeBreakdownRow } from "../../spec/index.js";
import { seededRandom } from "../statistics.test-helpers.js";
import { type BreakdownTrade, tradeBreakdown } from "./trade-breakdown.js";

function trade(
  symbol: string,
  strategyName: string,
  pnlCost: number,
  fees: number,
  invested: number,
  pnlPercentage: number,
): BreakdownTrade {
  return { symbol, strategyName, pnl: { pnlCost, fees, invested, pnlPercentage } };
}

/**
 * Fixture: five trades, three symbols, two strategies. Total net PnL 50 − 20 + 30 + 0 − 10 = 50.
 *
 *   #  symbol  strategy  pnlCost  fees  invested  pnl%
 *   1  BTC     alpha       +50     2      1000     5
 *   2  BTC     beta        −20     1       500    −4
 *   3  ETH     alpha       +30     1.5     600     5
 *   4  ETH     alpha         0     0       200     0   (breakeven)
 *   5  SOL     beta        −10     0.5     250    −4
 */
const FIXTURE = [
  trade("SOL", "beta", -10, 0.5, 250, -4),
  trade("BTC", "alpha", 50, 2, 1000, 5),
  trade("ETH", "alpha", 0, 0, 200, 0),
  trade("BTC", "beta", -20, 1, 500, -4),
  trade("ETH", "alpha", 30, 1.5, 600, 5),
];

function row(
  fields: Omit<TradeBreakdownRow, "unavailable"> & Partial<Pick<TradeBreakdownRow, "unavailable">>,
) {
  return { unavailable: {}, ...fields };
}

describe("tradeBreakdown: hand-computed fixture", () => {
  const breakdown = tradeBreakdown(FIXTURE);

  it("per symbol, sorted by key", () => {
    expect(breakdown.bySymbol).toEqual([
      // BTC: #1 #2. net 50 − 20 = 30; invested 1500 → 2%; 1 win 1 loss → 50%; share 30/50 = 60%
      row({
        key: "BTC",
        trades: 2,
        wins: 1,
        losses: 1,
        netPnl: 30,
        fees: 3,
        invested: 1500,
        returnOnInvestedPercent: 2,
        winRate: 50,
        shareOfNetPnlPercent: 60,
        bestTrade: 50,
        worstTrade: -20,
        bestTradePercent: 5,
        worstTradePercent: -4,
      }),
      // ETH: #3 #4. net 30; invested 800 → 3.75%; 1 win, the breakeven left out → 100%; share 60%
      row({
        key: "ETH",
        trades: 2,
        wins: 1,
        losses: 0,
        netPnl: 30,
        fees: 1.5,
        invested: 800,
        returnOnInvestedPercent: 3.75,
        winRate: 100,
        shareOfNetPnlPercent: 60,
        bestTrade: 30,
        worstTrade: 0,
        bestTradePercent: 5,
        worstTradePercent: 0,
      }),
      // SOL: #5. −10 / 250 = −4%; share −10/50 = −20% (60 + 60 − 20 = 100)
      row({
        key: "SOL",
        trades: 1,
        wins: 0,
        losses: 1,
        netPnl: -10,
        fees: 0.5,
        invested: 250,
        returnOnInvestedPercent: -4,
        winRate: 0,
        shareOfNetPnlPercent: -20,
        bestTrade: -10,
        worstTrade: -10,
        bestTradePercent: -4,
        worstTradePercent: -4,
      }),
    ]);
  });

  it("per strategy", () => {
    const [alpha, beta] = breakdown.byStrategy;
    // alpha: #1 #3 #4. net 80, fees 3.5, invested 1800 → 80/1800 = 4.444%; share 80/50 = 160%
    expect(alpha).toMatchObject({ key: "alpha", trades: 3, wins: 2, losses: 0, netPnl: 80, fees: 3.5 });
    expect(alpha!.returnOnInvestedPercent).toBeCloseTo((80 / 1800) * 100, 12);
    expect(alpha!.shareOfNetPnlPercent).toBe(160);
    expect(alpha!.winRate).toBe(100);
    // beta: #2 #5. net −30, invested 750 → −4%; share −30/50 = −60%
    expect(beta).toMatchObject({ key: "beta", trades: 2, wins: 0, losses: 2, netPnl: -30, fees: 1.5 });
    expect(beta!.returnOnInvestedPercent).toBe(-4);
    expect(beta!.shareOfNetPnlPercent).toBe(-60);
    expect(beta!.bestTrade).toBe(-10);
    expect(beta!.worstTrade).toBe(-20);
  });

  it("total row", () => {
    expect(breakdown.total).toMatchObject({ key: "*", trades: 5, wins: 2, losses: 2, netPnl: 50, fees: 5 });
    expect(breakdown.total!.invested).toBe(2550);
    expect(breakdown.total!.returnOnInvestedPercent).toBeCloseTo((50 / 2550) * 100, 12); // ≈ 1.96
    expect(breakdown.total!.shareOfNetPnlPercent).toBe(100);
    expect(breakdown.total!.winRate).toBe(50);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(breakdown))).toEqual(breakdown);
  });
});

describe("tradeBreakdown: edge cases", () => {
  it("no trades", () => {
    expect(tradeBreakdown([])).toEqual({ bySymbol: [], byStrategy: [], total: null });
  });

  it("a zero total, breakeven-only and nothing-invested rows are null with a reason", () => {
    const breakdown = tradeBreakdown([
      trade("A", "s", 10, 0, 100, 10),
      trade("B", "s", -10, 0, 100, -10),
      trade("C", "t", 0, 0, 0, 0),
    ]);
    const c = breakdown.bySymbol[2]!;
    expect(c.winRate).toBeNull();
    expect(c.returnOnInvestedPercent).toBeNull();
    expect(c.shareOfNetPnlPercent).toBeNull();
    expect(c.unavailable).toEqual({
      winRate: "no winning or losing trades (all breakeven)",
      returnOnInvestedPercent: "nothing invested (invested is 0)",
      shareOfNetPnlPercent: "the total net PnL is 0",
    });
    expect(breakdown.total!.netPnl).toBe(0);
    expect(Object.is(breakdown.total!.netPnl, -0)).toBe(false);
  });

  it("rejects malformed trades, naming the field", () => {
    const bad = [
      [
        {
          symbol: "A",
          strategyName: "s",
          pnl: { pnlCost: Number.NaN, fees: 0, invested: 1, pnlPercentage: 0 },
        },
        "trades[0].pnl.pnlCost",
      ],
      [
        { symbol: 1, strategyName: "s", pnl: { pnlCost: 0, fees: 0, invested: 1, pnlPercentage: 0 } },
        "trades[0].symbol",
      ],
      [
        { symbol: "A", strategyName: "s", pnl: { pnlCost: 0, fees: 0, invested: -1, pnlPercentage: 0 } },
        "trades[0].pnl.invested",
      ],
      [{ symbol: "A", strategyName: "s" }, "trades[0].pnl.pnlCost"],
    ] as const;
    for (const [input, field] of bad) {
      expect(() => tradeBreakdown([input as unknown as BreakdownTrade])).toThrow(InvalidArgumentError);
      try {
        tradeBreakdown([input as unknown as BreakdownTrade]);
      } catch (error) {
        expect((error as InvalidArgumentError).field).toBe(field);
      }
    }
  });
});

describe("tradeBreakdown: against a naive filter-per-key", () => {
  it("matches on random trades, in any order", () => {
    const random = seededRandom(3);
    const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];
    const strategies = ["mean-reversion", "breakout", "trend"];
    const trades = Array.from({ length: 500 }, () => {
      const invested = 100 + random() * 900;
      const pnlPercentage = (random() - 0.48) * 10;
      return trade(
        symbols[Math.floor(random() * symbols.length)]!,
        strategies[Math.floor(random() * strategies.length)]!,
        (invested * pnlPercentage) / 100,
        invested * 0.002,
        invested,
        pnlPercentage,
      );
    });
    const breakdown = tradeBreakdown(trades);
    const totalNet = trades.reduce((sum, t) => sum + t.pnl.pnlCost, 0);
    const check = (rows: readonly TradeBreakdownRow[], keyOf: (t: BreakdownTrade) => string) => {
      expect(rows.map((r) => r.key)).toEqual([...new Set(trades.map(keyOf))].sort());
      for (const r of rows) {
        const mine = trades.filter((t) => keyOf(t) === r.key);
        const net = mine.reduce((sum, t) => sum + t.pnl.pnlCost, 0);
        const invested = mine.reduce((sum, t) => sum + t.pnl.invested, 0);
        const wins = mine.filter((t) => t.pnl.pnlCost > 0).length;
        const losses = mine.filter((t) => t.pnl.pnlCost < 0).length;
        expect(r.trades).toBe(mine.length);
        expect(r.wins).toBe(wins);
        expect(r.losses).toBe(losses);
        expect(r.netPnl).toBeCloseTo(net, 9);
        expect(r.fees).toBeCloseTo(
          mine.reduce((sum, t) => sum + t.pnl.fees, 0),
          9,
        );
        expect(r.returnOnInvestedPercent).toBeCloseTo((net / invested) * 100, 9);
        expect(r.winRate).toBeCloseTo((wins / (wins + losses)) * 100, 9);
        expect(r.shareOfNetPnlPercent).toBeCloseTo((net / totalNet) * 100, 9);
        expect(r.bestTrade).toBe(Math.max(...mine.map((t) => t.pnl.pnlCost)));
        expect(r.worstTradePercent).toBe(Math.min(...mine.map((t) => t.pnl.pnlPercentage)));
      }
      const shares = rows.reduce((sum, r) => sum + r.shareOfNetPnlPercent!, 0);
      expect(shares).toBeCloseTo(100, 9);
    };
    check(breakdown.bySymbol, (t) => t.symbol);
    check(breakdown.byStrategy, (t) => t.strategyName);

    const reversed = tradeBreakdown([...trades].reverse());
    expect(reversed.bySymbol.map((r) => [r.key, r.trades, r.wins])).toEqual(
      breakdown.bySymbol.map((r) => [r.key, r.trades, r.wins]),
    );
    reversed.bySymbol.forEach((r, i) => {
      expect(r.netPnl).toBeCloseTo(breakdown.bySymbol[i]!.netPnl, 9);
    });
  });
});
