// Breakeven: once a position is far enough in profit, its stop moves to the entry plus the round-trip cost,
// so a stop hit there loses nothing. Declaratively, with a `breakeven` rule on the signal, or by command, with
// commitBreakeven from onOpenInterval.
import { type ClosedResult, commitBreakeven, getConfig, getPosition, type LevelChange } from "candlewick";
import { check, near, printFills, printLevelChanges, quote, totalPnl } from "./check.js";
import { backtest, momentumSignal, registerMarket, towardProfit } from "./setup.js";

registerMarket();
const { percentFee, percentSlippage } = getConfig();
/** The default offset: a round trip's fees and slippage, 2 × (0.1% + 0.1%) = 0.4% with the default config. */
const roundTripPercent = 2 * (percentFee + percentSlippage);

const moves = (trade: ClosedResult, cause: LevelChange["cause"]) =>
  trade.signal.levelChanges.filter((change) => change.cause === cause);
/** Stopped out at the moved stop's level (not at a gap's open past it). */
const stoppedAtLevel = (trade: ClosedResult) =>
  trade.closeReason === "stop_loss" && trade.signal.exits.at(-1)!.price === trade.signal.priceStopLoss;

/** The checks both ways share: where the stop went, and what a stop there lost. */
function checkBreakeven(label: string, trades: readonly ClosedResult[], cause: LevelChange["cause"]): void {
  const moved = trades.filter((trade) => moves(trade, cause).length > 0);
  const evened = moved.filter(stoppedAtLevel);
  console.log(
    `\n${label}: ${trades.length} trades, ${moved.length} moved to breakeven, ${evened.length} stopped there, PnL ${quote(totalPnl(trades))} quote`,
  );
  if (evened[0] !== undefined) {
    printFills(evened[0]);
    printLevelChanges(evened[0]);
  }
  check(moved.length > 0, `${label} moved stops (${moved.length} trades)`);
  check(
    moved.every((trade) => {
      const target = towardProfit(trade.signal.position, trade.signal.entries[0]!.price, roundTripPercent);
      return moves(trade, cause).every((change) => near(change.to, target, 1e-6 * target));
    }),
    `${label}: every moved stop is the entry + ${roundTripPercent}% (the round-trip cost)`,
  );
  check(evened.length > 0, `${label}: some positions were stopped at breakeven (${evened.length})`);
  // Net PnL% of a stop at entry·(1 ± r), both fills' slippage s and fees f paid: what is left is second order
  // in the costs, −0.0008% with the defaults.
  const [f, s, r] = [percentFee / 100, percentSlippage / 100, roundTripPercent / 100];
  const remainder = {
    long: ((1 + r) * (1 - s) * (1 - f)) / (1 + s) - (1 + f),
    short: 1 - f - ((1 - r) * (1 + s) * (1 + f)) / (1 - s),
  };
  check(
    evened.every((trade) => near(trade.pnl.pnlPercentage, 100 * remainder[trade.signal.position], 1e-6)),
    `${label}: each of them broke even (PnL ${(100 * remainder.long).toFixed(4)}% long, ${(100 * remainder.short).toFixed(4)}% short)`,
  );
}

const bracket = { takeProfitPercent: 1.5, stopLossPercent: 1, minuteEstimatedTime: 720 };

// 1. Declarative: once the best price is 0.6% in profit.
const declarative = await backtest({
  strategyName: "momentum-breakeven-rule",
  interval: "1h",
  getSignal: (symbol) => momentumSignal(symbol, bracket, { breakeven: { triggerPercent: 0.6 } }),
});
checkBreakeven("breakeven rule", declarative, "breakeven");

// 2. By command: at an hourly look, once the position is 0.6% in profit.
const command = await backtest({
  strategyName: "momentum-breakeven-command",
  interval: "1h",
  getSignal: (symbol) => momentumSignal(symbol, bracket),
  onOpenInterval(symbol) {
    const position = getPosition(symbol);
    if (position !== null && position.unrealizedPnl >= 0.006 * position.invested) commitBreakeven(symbol);
  },
});
checkBreakeven("commitBreakeven", command, "commit_breakeven");
console.log();
