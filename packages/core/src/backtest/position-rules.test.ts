import type { ClosedResult, SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type Bar, bars, flat } from "../testing/memory-exchange.js";
import { runScenario, signalsAt } from "../testing/scenario.js";

// Positions end to end under the default candle fill model (architecture/semantics.md, "Positions"). Five flat
// candles at 100 before T0 make a market entry at T0 exactly 100; defaults: fee 0.1%, slippage 0.1% per fill,
// sizing a fixed cost of 100. Every expected figure below is worked out by hand from those numbers.
const S = 0.001; // slippage per fill
const F = 0.001; // fee per fill
/** Quantity bought by 100 at a raw 100: the fill price is 100·(1+s). */
const Q = 100 / (100 * (1 + S));

async function run(label: string, signal: SignalDto, rows: readonly Bar[], config = {}) {
  const last = rows[rows.length - 1]![3];
  const outcome = await runScenario({
    label,
    candles: [...flat(at(-5), 5, 100), ...bars(at(0), rows), ...flat(at(rows.length), 30, last)],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({ [at(0)]: signal }),
    config,
  });
  return outcome;
}

async function closedTrade(label: string, signal: SignalDto, rows: readonly Bar[], config = {}) {
  const outcome = await run(label, signal, rows, config);
  expect(outcome.errors).toEqual([]);
  expect(outcome.results).toHaveLength(1);
  return outcome.results[0] as ClosedResult;
}

/** What selling `q` at the raw `price` returns after slippage and fee (a long's exit). */
const longExit = (q: number, price: number) => q * price * (1 - S) * (1 - F);
/** What buying back `q` at the raw `price` costs after slippage and fee (a short's exit). */
const shortExitCost = (q: number, price: number) => q * price * (1 + S) * (1 + F);

describe("sizing", () => {
  it("the default fixed cost buys 100 of quote at the slipped price and reports quote PnL", async () => {
    const trade = await closedTrade(
      "size-default",
      { position: "long", priceTakeProfit: 102, priceStopLoss: 98 },
      [[100, 102.5, 99.8, 102]],
    );
    expect(trade.signal.entries).toHaveLength(1);
    expect(trade.signal.entries[0]!.quantity).toBeCloseTo(Q, 12);
    expect(trade.pnl.invested).toBeCloseTo(100, 9);
    // Entry: 100 + 0.1 fee. Exit: Q·102·0.999, less 0.1% fee.
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q, 102) - 100 - 0.1, 9);
    expect(trade.pnl.fees).toBeCloseTo(0.1 + Q * 102 * (1 - S) * F, 9);
    expect(trade.pnl.pnlPercentage).toBeCloseTo(trade.pnl.pnlCost, 9); // invested is 100
  });

  it("a signal's cost wins over the sizing", async () => {
    const trade = await closedTrade(
      "size-cost",
      { position: "long", priceTakeProfit: 102, priceStopLoss: 98, cost: 250 },
      [[100, 102.5, 99.8, 102]],
    );
    expect(trade.pnl.invested).toBeCloseTo(250, 9);
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(2.5 * Q, 102) - 250 - 0.25, 9);
  });

  it("risk sizing loses the given fraction of equity at the stop, fees and slippage included", async () => {
    // 1% of 10,000 = 100 lost when the stop at 98 fills.
    const trade = await closedTrade(
      "size-risk",
      { position: "long", priceTakeProfit: 102, priceStopLoss: 98 },
      [[100, 100.5, 97.5, 98]],
      { sizing: { kind: "risk", fraction: 0.01 } },
    );
    expect(trade.closeReason).toBe("stop_loss");
    expect(trade.pnl.pnlCost).toBeCloseTo(-100, 9);
    // Loss per unit: 100·1.001·1.001 − 98·0.999·0.999 = 2.396002.
    expect(trade.signal.entries[0]!.quantity).toBeCloseTo(100 / 2.396002, 9);
  });

  it("an entry the cash cannot pay for is refused and nothing opens", async () => {
    const outcome = await run(
      "size-cash",
      { position: "long", priceTakeProfit: 102, priceStopLoss: 98, cost: 20_000 },
      [[100, 102.5, 99.8, 102]],
    );
    expect(outcome.results).toEqual([]);
  });

  it("cost and quantity together are refused naming both", async () => {
    const outcome = await run(
      "size-both",
      { position: "long", priceTakeProfit: 102, priceStopLoss: 98, cost: 100, quantity: 1 },
      [[100, 102.5, 99.8, 102]],
    );
    expect(outcome.results).toEqual([]);
    expect(outcome.errors[0]!.message).toMatch(/both "cost" \(100\) and "quantity" \(1\)/);
  });
});

describe("take-profit ladder", () => {
  it("long: a rung touched by the high exits its share at the rung; the rest rides to the take-profit", async () => {
    const trade = await closedTrade(
      "ladder-long",
      {
        position: "long",
        priceTakeProfit: 104,
        priceStopLoss: 97,
        takeProfitLadder: [{ distancePercent: 1, fraction: 0.5 }],
      },
      [
        [100, 101.2, 99.9, 101],
        [101, 104.5, 100.8, 104],
      ],
    );
    expect(trade.closeReason).toBe("take_profit");
    expect(trade.signal.exits.map((e) => [e.reason, e.price, e.timestamp])).toEqual([
      ["take_profit_ladder", 101, at(1)],
      ["take_profit", 104, at(2)],
    ]);
    expect(trade.signal.exits[0]!.quantity).toBeCloseTo(Q / 2, 12);
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q / 2, 101) + longExit(Q / 2, 104) - 100.1, 9);
  });

  it("a gap through two rungs fills both at the open", async () => {
    const trade = await closedTrade(
      "ladder-gap",
      {
        position: "long",
        priceTakeProfit: 104,
        priceStopLoss: 97,
        takeProfitLadder: [
          { distancePercent: 1, fraction: 0.3 },
          { distancePercent: 2, fraction: 0.3 },
        ],
      },
      [
        [100, 100.4, 99.9, 100.2],
        [102.5, 102.8, 102.2, 102.6],
        [102.6, 104.2, 102.5, 104],
      ],
    );
    expect(trade.signal.exits.map((e) => [e.reason, e.price])).toEqual([
      ["take_profit_ladder", 102.5],
      ["take_profit_ladder", 102.5],
      ["take_profit", 104],
    ]);
    expect(trade.signal.exits[2]!.quantity).toBeCloseTo(0.4 * Q, 12);
  });

  it("short: rungs below the entry, then the stop takes the rest", async () => {
    const trade = await closedTrade(
      "ladder-short",
      {
        position: "short",
        priceTakeProfit: 96,
        priceStopLoss: 102,
        takeProfitLadder: [{ distancePercent: 1, fraction: 0.25 }],
      },
      [
        [100, 100.2, 98.9, 99.2],
        [99.2, 102.4, 99, 102],
      ],
    );
    expect(trade.closeReason).toBe("stop_loss");
    const q = 100 / (100 * (1 - S)); // a short sells at 100·(1−s)
    expect(trade.signal.exits.map((e) => [e.reason, e.price])).toEqual([
      ["take_profit_ladder", 99],
      ["stop_loss", 102],
    ]);
    // A short gains what it sold for minus what buying back costs.
    const expected = 100 - 0.1 - shortExitCost(q / 4, 99) - shortExitCost((3 * q) / 4, 102);
    expect(trade.pnl.pnlCost).toBeCloseTo(expected, 9);
  });

  it("a rung at or beyond the take-profit is refused, naming the rung", async () => {
    const outcome = await run(
      "ladder-bad",
      {
        position: "long",
        priceTakeProfit: 102,
        priceStopLoss: 98,
        takeProfitLadder: [{ distancePercent: 2.5, fraction: 0.5 }],
      },
      [[100, 100.4, 99.9, 100.2]],
    );
    expect(outcome.results).toEqual([]);
    expect(outcome.errors[0]!.message).toMatch(
      /takeProfitLadder\[0\]\.distancePercent.*short of the take-profit/,
    );
  });
});

describe("trailing stop: a stop moved by a candle applies from the next candle", () => {
  it("long: the high of minute 1 lifts the stop to 1% below it; minute 1's own low cannot hit it", async () => {
    const trade = await closedTrade(
      "trail-long",
      { position: "long", priceTakeProfit: 105, priceStopLoss: 97, trailingStop: { distancePercent: 1 } },
      [
        [100, 102, 99.5, 101.5], // best 102 → stop 100.98; this candle's low 99.5 is not a hit
        [101.5, 101.8, 100.5, 100.7], // low 100.5 ≤ 100.98: stopped at the level
      ],
    );
    expect(trade.closeReason).toBe("stop_loss");
    expect(trade.closeTimestamp).toBe(at(2));
    expect(trade.pnl.priceClose).toBeCloseTo(100.98, 10);
    expect(trade.signal.originalPriceStopLoss).toBe(97);
    expect(trade.signal.levelChanges).toHaveLength(1);
    expect(trade.signal.levelChanges[0]).toMatchObject({
      level: "stop_loss",
      from: 97,
      cause: "trailing_stop",
    });
    expect(trade.signal.levelChanges[0]!.to).toBeCloseTo(100.98, 10);
    expect(trade.signal.levelChanges[0]!.timestamp).toBe(at(1));
  });

  it("short: the low of minute 1 lowers the stop to 1% above it", async () => {
    const trade = await closedTrade(
      "trail-short",
      { position: "short", priceTakeProfit: 95, priceStopLoss: 103, trailingStop: { distancePercent: 1 } },
      [
        [100, 100.5, 98, 98.5], // best 98 → stop 98.98
        [98.5, 99.2, 98.2, 99],
      ],
    );
    expect(trade.closeReason).toBe("stop_loss");
    expect(trade.pnl.priceClose).toBeCloseTo(98.98, 10);
  });

  it("does not trail before the activation move", async () => {
    const trade = await closedTrade(
      "trail-activation",
      {
        position: "long",
        priceTakeProfit: 105,
        priceStopLoss: 97,
        trailingStop: { distancePercent: 1, activationPercent: 3 },
      },
      [
        [100, 102, 99.5, 101.5], // +2% only: no move
        [101.5, 101.8, 100.5, 100.7], // would have been a hit at 100.98
        [100.7, 100.8, 96.5, 96.8], // the original stop
      ],
    );
    expect(trade.pnl.priceClose).toBe(97);
    expect(trade.signal.levelChanges).toEqual([]);
  });

  it("a gap below a trailed stop fills at the open", async () => {
    const trade = await closedTrade(
      "trail-gap",
      { position: "long", priceTakeProfit: 105, priceStopLoss: 97, trailingStop: { distancePercent: 1 } },
      [
        [100, 102, 99.5, 101.5],
        [100, 100.3, 99.6, 99.8],
      ],
    );
    expect(trade.pnl.priceClose).toBe(100);
  });
});

describe("breakeven", () => {
  it("long: once +1% is seen the stop moves to the entry plus the round-trip cost (0.4%)", async () => {
    const trade = await closedTrade(
      "breakeven-long",
      { position: "long", priceTakeProfit: 105, priceStopLoss: 97, breakeven: { triggerPercent: 1 } },
      [
        [100, 101.2, 99.8, 101],
        [101, 101.1, 100.2, 100.3],
      ],
    );
    expect(trade.closeReason).toBe("stop_loss");
    expect(trade.pnl.priceClose).toBeCloseTo(100.4, 10);
    expect(trade.signal.levelChanges[0]).toMatchObject({ cause: "breakeven", from: 97 });
    // Q·100.4·0.999·0.999 − 100.1: within a tenth of a cent of zero.
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q, 100.4) - 100.1, 9);
    expect(Math.abs(trade.pnl.pnlCost)).toBeLessThan(0.001);
  });

  it("short: the stop moves to the entry minus the offset", async () => {
    const trade = await closedTrade(
      "breakeven-short",
      {
        position: "short",
        priceTakeProfit: 95,
        priceStopLoss: 103,
        breakeven: { triggerPercent: 1, offsetPercent: 0.5 },
      },
      [
        [100, 100.2, 98.8, 99],
        [99, 99.7, 98.9, 99.6],
      ],
    );
    expect(trade.pnl.priceClose).toBeCloseTo(99.5, 10);
  });
});
