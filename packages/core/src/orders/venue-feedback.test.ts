import {
  type CancelledResult,
  createMemoryPersist,
  createPaperBroker,
  type LiveState,
  liveStateKey,
  type PositionFill,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { refusingBroker, slippingBroker } from "./venue-brokers.test-helpers.js";
import { bracketDca, closedOf, END, liveRun, MINUTE, relative } from "./venue-runs.test-helpers.js";

// The rows take the venue's fills, a refused entry cancels its signal, a refused add drops its fill.
/**
 * What the slipping venue makes of a fill the model priced at `model.fillPrice`, worked out by hand: 40 % at
 * 0.05 % worse, 60 % at 0.1 % worse, a 0.1 % fee on each execution (a buy's in BTC, so × its price in USDT).
 */
function byHand(model: PositionFill, buys: boolean) {
  const against = buys ? 1 : -1;
  const q1 = model.quantity * 0.4;
  const q2 = model.quantity - q1;
  const p1 = model.fillPrice * (1 + against * 0.0005);
  const p2 = model.fillPrice * (1 + against * 0.001);
  const value = q1 * p1 + q2 * p2;
  return { quantity: q1 + q2, price: value / (q1 + q2), value, fee: 0.001 * q1 * p1 + 0.001 * q2 * p2 };
}
const SLIP = { firstShare: 0.4, first: 0.0005, second: 0.001, feeRate: 0.001 };

describe("live with a broker: the kernel follows the venue", () => {
  it("the rows take the venue's fills: VWAP over two executions, a base-currency fee in quote, the PnL from them", async () => {
    const strategyName = "bracket-15m";
    const reference = await liveRun({ strategyName });
    const persist = createMemoryPersist();
    const traded = await liveRun({
      strategyName,
      broker: slippingBroker(createPaperBroker({ cash: 1e7 }), SLIP),
      persist,
    });
    expect(traded.fatal).toBeUndefined();
    expect(traded.errors).toEqual([]);
    const model = closedOf(reference.results);
    const venue = closedOf(traded.results);
    expect(model.length).toBeGreaterThan(5);
    // The levels and the lifetime decide the closes, not the fill prices: the same trades, at other prices.
    expect(venue.map((t) => [t.signal.id, t.closeReason, t.closeTimestamp])).toEqual(
      model.map((t) => [t.signal.id, t.closeReason, t.closeTimestamp]),
    );
    for (const [i, trade] of venue.entries()) {
      const entry = byHand(model[i]!.signal.entries[0]!, true);
      const exit = byHand(model[i]!.signal.exits[0]!, false);
      const [got] = trade.signal.entries;
      const [out] = trade.signal.exits;
      expect(relative(got!.fillPrice, entry.price)).toBeLessThan(1e-12);
      expect(got!.price).toBe(got!.fillPrice);
      expect(relative(got!.fee, entry.fee)).toBeLessThan(1e-12);
      expect(relative(out!.fillPrice, exit.price)).toBeLessThan(1e-12);
      expect(relative(out!.fee, exit.fee)).toBeLessThan(1e-12);
      const pnlCost = exit.value - entry.value - entry.fee - exit.fee;
      expect(relative(trade.pnl.pnlCost, pnlCost)).toBeLessThan(1e-9);
      expect(relative(trade.pnl.pnlPercentage, (pnlCost / entry.value) * 100)).toBeLessThan(1e-9);
      expect(relative(trade.pnl.priceOpen, entry.price)).toBeLessThan(1e-12);
      expect(relative(trade.pnl.priceClose, exit.price)).toBeLessThan(1e-12);
      // Each venue fill costs 0.15 % on average against the model's price: every trade is worse by that.
      expect(trade.pnl.pnlCost).toBeLessThan(model[i]!.pnl.pnlCost);
    }
    // The account follows: the run's realised PnL is the venue trades' (and the open one's entry fee).
    const state = (await persist.read(
      liveStateKey({ strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    const open = state.runner.phase === "opened" ? state.runner.signal!.entries : [];
    const expected =
      venue.reduce((sum, trade) => sum + trade.pnl.pnlCost, 0) -
      open.reduce((sum, fill) => sum + fill.fee, 0);
    expect(relative(state.account!.realized, expected)).toBeLessThan(1e-9);
    console.log(
      `[venue feedback] ${venue.length} trades at the venue's prices: Σ pnl ${expected.toFixed(4)} USDT (the fill model's: ${model.reduce((sum, t) => sum + t.pnl.pnlCost, 0).toFixed(4)})`,
    );
  }, 60_000);

  it("a run stopped mid-position resumes the venue's row from its state: the same trades as without the stop", async () => {
    const strategyName = "bracket-15m";
    const uninterrupted = await liveRun({
      strategyName,
      broker: slippingBroker(createPaperBroker({ cash: 1e7 }), SLIP),
    });
    const persist = createMemoryPersist();
    const venue = slippingBroker(createPaperBroker({ cash: 1e7 }), SLIP);
    let opened = 0;
    const first = await liveRun({
      strategyName,
      broker: venue,
      persist,
      stopAfter: (result) => result.action === "opened" && ++opened === 3,
    });
    const state = (await persist.read(
      liveStateKey({ strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    const held = state.runner.signal!;
    expect(state.runner.phase).toBe("opened");
    // The stored row already holds the venue's entry, not the model's.
    expect(held.entries[0]!.fillPrice).toBe(held.entries[0]!.price);
    const restartAt = Math.floor(state.runner.scanFrom / MINUTE) * MINUTE;
    const second = await liveRun({ strategyName, broker: venue, persist, start: restartAt });
    expect(second.fatal).toBeUndefined();
    const trades = [...closedOf(first.results), ...closedOf(second.results)];
    expect(trades).toEqual(closedOf(uninterrupted.results));
  }, 60_000);

  it("a refused entry cancels its signal (entry_rejected, the venue's reason), once, with nothing held", async () => {
    const strategyName = "bracket-15m";
    // 0.01 BTC is about 680 USDT: a 50 USDT account can pay for none of them.
    const venue = refusingBroker(createPaperBroker({ cash: 50 }), () => false);
    const traded = await liveRun({ strategyName, broker: venue });
    expect(traded.fatal).toBeUndefined();
    const cancelled = traded.results as CancelledResult[];
    expect(cancelled.length).toBeGreaterThan(10);
    for (const result of cancelled) {
      expect(result.action).toBe("cancelled");
      expect(result.cancelReason).toBe("entry_rejected");
      expect(result.rejection?.reason).toBe("insufficient_balance");
      expect(result.rejection?.message).toMatch(/the order needs \d+\.\d\d USDT, 50\.00 is free/);
      expect(result.signal.entries).toEqual([]);
      expect(result.pnl.pnlCost).toBe(0);
      // Refused in the tick it was asked in.
      expect(result.closeTimestamp).toBe(result.signal.scheduledAt);
    }
    // The kernel held nothing: it asked again at the next boundary, every 15 minutes.
    const times = cancelled.map((result) => result.signal.scheduledAt);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(times.slice(1).map(() => 15 * MINUTE));
    // One order per signal, never sent again; each refusal reported once.
    expect(venue.sent).toHaveLength(cancelled.length);
    expect(new Set(venue.sent).size).toBe(cancelled.length);
    expect(traded.errors.filter((error) => /was not placed/.test(error.message))).toHaveLength(
      cancelled.length,
    );
    expect(await venue.fetchOpenOrders()).toEqual([]);
    expect(await venue.fetchFills("BTCUSDT", 0)).toEqual([]);
  }, 60_000);

  it("a refused DCA add: the row drops that fill, the close sells what the venue holds", async () => {
    const strategyName = bracketDca.strategyName;
    const end = END;
    const reference = await liveRun({ strategyName, end });
    const added = closedOf(reference.results).filter((trade) => trade.signal.entries.length === 2);
    expect(added.length).toBeGreaterThan(0);
    const paper = createPaperBroker({ cash: 1e7 });
    const venue = refusingBroker(paper, (request) => request.clientOrderId.endsWith("-a1"));
    const persist = createMemoryPersist();
    const traded = await liveRun({ strategyName, broker: venue, end, persist });
    expect(traded.fatal).toBeUndefined();
    const trades = closedOf(traded.results);
    for (const model of added) {
      const trade = trades.find((t) => t.signal.id === model.signal.id)!;
      const [e0, e1] = trade.signal.entries;
      expect(e1!.quantity).toBe(0);
      expect(e1!.fee).toBe(0);
      expect(e0).toEqual(model.signal.entries[0]);
      const exit = trade.signal.exits[0]!;
      expect(exit.quantity).toBe(e0!.quantity);
      expect(exit.price).toBe(model.signal.exits[0]!.price);
      // A long of e0 alone, by hand: what it sold for − what it cost − both fees (0.1 % each).
      const sold = exit.fillPrice * e0!.quantity;
      const pnlCost = sold - e0!.value - e0!.fee - sold * 0.001;
      expect(relative(trade.pnl.pnlCost, pnlCost)).toBeLessThan(1e-9);
      expect(trade.pnl.invested).toBe(e0!.value);
    }
    console.log(`[venue feedback] ${added.length} of ${trades.length} trades had their DCA add refused`);
    // Each refused add was sent once.
    const adds = venue.sent.filter((id) => id.endsWith("-a1"));
    expect(new Set(adds).size).toBe(adds.length);
    // What the venue holds at the end is what the run holds: every close sold what was really bought.
    const state = (await persist.read(
      liveStateKey({ strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    const held = state.runner.phase === "opened" ? state.runner.signal!.quantity : 0;
    const positions = await paper.fetchPositions!();
    expect(positions.reduce((sum, p) => sum + p.quantity, 0)).toBeCloseTo(held, 12);
  }, 60_000);
});
