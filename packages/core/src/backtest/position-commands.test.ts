import {
  type ClosedResult,
  commitActivateScheduled,
  commitAverageBuy,
  commitClosePending,
  commitPartialLoss,
  commitPartialProfit,
  commitTrailingStop,
  getPosition,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type Bar, bars, flat } from "../testing/memory-exchange.js";
import { runScenario, signalsAt } from "../testing/scenario.js";

// Commands given from onOpenInterval (a 1m strategy: the hook runs at every minute boundary while a signal is
// open or scheduled). They act at the hook's time at the market price then: under the candle model, the close of
// the last closed 1m candle. Defaults: fee 0.1%, slippage 0.1%, a fixed cost of 100; figures worked by hand.
const S = 0.001;
const F = 0.001;
const Q = 100 / (100 * (1 + S));
const longExit = (q: number, price: number) => q * price * (1 - S) * (1 - F);

const long: SignalDto = {
  position: "long",
  priceTakeProfit: 103,
  priceStopLoss: 97,
  minuteEstimatedTime: 60,
};

const ROWS: Bar[] = [
  [100, 101, 99.8, 100.8],
  [100.8, 101.5, 100.6, 101.2], // closes at 101.2: the market price at T0+2
  [101.2, 103.5, 101, 103], // reaches the take-profit
];

async function run(
  label: string,
  signal: SignalDto,
  rows: readonly Bar[],
  hook: StrategySchema["onOpenInterval"],
) {
  const last = rows[rows.length - 1]![3];
  return runScenario({
    label,
    candles: [...flat(at(-5), 5, 100), ...bars(at(0), rows), ...flat(at(rows.length), 90, last)],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({ [at(0)]: signal }),
    onOpenInterval: hook,
  });
}

describe("commands from onOpenInterval", () => {
  it("commitPartialProfit exits half at the market price; the rest closes at the take-profit", async () => {
    const answers: boolean[] = [];
    const outcome = await run("cmd-partial", long, ROWS, (symbol, when) => {
      if (when.getTime() === at(2))
        answers.push(commitPartialLoss(symbol, 50), commitPartialProfit(symbol, 50));
    });
    expect(outcome.errors).toEqual([]);
    // On the profit side a partial loss changes nothing.
    expect(answers).toEqual([false, true]);
    const trade = outcome.results[0] as ClosedResult;
    expect(trade.signal.exits.map((e) => [e.reason, e.price, e.timestamp])).toEqual([
      ["partial_profit", 101.2, at(2)],
      ["take_profit", 103, at(3)],
    ]);
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q / 2, 101.2) + longExit(Q / 2, 103) - 100.1, 9);
  });

  it("commitTrailingStop puts the stop 2% under the market price, from the next candle on", async () => {
    const outcome = await run(
      "cmd-trail",
      long,
      [ROWS[0]!, ROWS[1]!, [101.2, 101.4, 99, 99.3]],
      (symbol, when) => {
        if (when.getTime() === at(2)) commitTrailingStop(symbol, 2);
      },
    );
    const trade = outcome.results[0] as ClosedResult;
    expect(trade.closeReason).toBe("stop_loss");
    expect(trade.pnl.priceClose).toBeCloseTo(101.2 * 0.98, 10);
    expect(trade.signal.levelChanges[0]).toMatchObject({
      cause: "commit_trailing_stop",
      timestamp: at(2),
      from: 97,
    });
  });

  it("commitAverageBuy adds 50 at the market price; the average entry and the PnL include it", async () => {
    let seen: ReturnType<typeof getPosition> = null;
    const outcome = await run("cmd-dca", long, ROWS, (symbol, when) => {
      if (when.getTime() === at(2)) {
        commitAverageBuy(symbol, 50);
        seen = getPosition(symbol);
      }
    });
    expect(outcome.errors).toEqual([]);
    const trade = outcome.results[0] as ClosedResult;
    const q2 = 50 / (101.2 * (1 + S));
    expect(trade.signal.entries.map((e) => [e.reason, e.price])).toEqual([
      ["open", 100],
      ["average_buy", 101.2],
    ]);
    expect(trade.signal.priceOpen).toBeCloseTo((100 * Q + 101.2 * q2) / (Q + q2), 10);
    expect(trade.pnl.invested).toBeCloseTo(150, 9);
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q + q2, 103) - 100.1 - 50.05, 9);
    // Marked at 101.2 right after the add: closing everything there would return longExit(Q+q2, 101.2).
    expect(seen!.quantity).toBeCloseTo(Q + q2, 12);
    expect(seen!.realizedPnl).toBeCloseTo(-0.15, 9); // the two entry fees
    expect(seen!.unrealizedPnl).toBeCloseTo(longExit(Q + q2, 101.2) - 150, 9);
  });

  it("commitClosePending closes at the market price with reason closed", async () => {
    const outcome = await run("cmd-close", long, ROWS, (symbol, when) => {
      if (when.getTime() === at(2)) commitClosePending(symbol);
    });
    const trade = outcome.results[0] as ClosedResult;
    expect(trade).toMatchObject({ closeReason: "closed", closeTimestamp: at(2), pnl: { priceClose: 101.2 } });
    expect(trade.pnl.pnlCost).toBeCloseTo(longExit(Q, 101.2) - 100.1, 9);
  });

  it("commitActivateScheduled fills a waiting limit at the market price", async () => {
    const outcome = await run("cmd-activate", { ...long, priceOpen: 98 }, ROWS, (symbol, when) => {
      if (when.getTime() === at(1)) commitActivateScheduled(symbol);
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.events.map((e) => [e.action, e.timestamp])).toEqual([
      ["scheduled", at(0)],
      ["opened", at(1)],
      ["closed", at(3)],
    ]);
    const trade = outcome.results[0] as ClosedResult;
    expect(trade.signal.entries[0]!.price).toBe(100.8);
  });

  it("a command outside onOpenInterval is an error naming it, and nothing changes", async () => {
    const outcome = await runScenario({
      label: "cmd-outside",
      candles: [...flat(at(-5), 5, 100), ...bars(at(0), ROWS), ...flat(at(3), 30, 103)],
      start: at(0),
      end: at(3),
      getSignal: (symbol) => {
        commitClosePending(symbol);
        return null;
      },
    });
    expect(outcome.results).toEqual([]);
    expect(outcome.errors[0]!.message).toMatch(
      /commitClosePending\(\) changes a position and acts only inside the strategy's onOpenInterval/,
    );
  });

  it("a strategy with the hook gives exactly the fast-forward's trade when it does nothing", async () => {
    const withHook = await run("cmd-noop", long, ROWS, () => {});
    const without = await runScenario({
      label: "cmd-none",
      candles: [...flat(at(-5), 5, 100), ...bars(at(0), ROWS), ...flat(at(3), 90, 103)],
      start: at(0),
      end: at(20),
      getSignal: signalsAt({ [at(0)]: long }),
    });
    const strip = (r: ClosedResult) => ({
      ...r,
      strategyName: "",
      signal: { ...r.signal, id: "", strategyName: "", exchangeName: "", frameName: "" },
      exchangeName: "",
      frameName: "",
    });
    expect(strip(withHook.results[0] as ClosedResult)).toEqual(strip(without.results[0] as ClosedResult));
  });
});
