// Trailing stop: the stop follows the price once the position is in profit. Declaratively, with a
// `trailingStop` rule on the signal (evaluated inside the fill scan, no user code per candle), or by command,
// with commitTrailingStop from onOpenInterval.
import { type ClosedResult, commitTrailingStop, getConfig, getPosition, type LevelChange } from "candlewick";
import { check, printFills, printLevelChanges, quote, totalPnl } from "./check.js";
import { backtest, momentumSignal, registerMarket } from "./setup.js";

registerMarket();

const stopMoves = (trade: ClosedResult, cause: LevelChange["cause"]) =>
  trade.signal.levelChanges.filter((change) => change.level === "stop_loss" && change.cause === cause);
/** A long's stop only goes up, a short's only down. */
const tightens = (trade: ClosedResult, change: LevelChange) =>
  trade.signal.position === "long" ? change.to > change.from : change.to < change.from;
/**
 * Stopped out at its level (no gap past it), with the stop far enough beyond the entry that selling there pays
 * both fills' slippage and fees: the trailing locked a gain in.
 */
const { percentFee, percentSlippage } = getConfig();
const [f, s] = [percentFee / 100, percentSlippage / 100];
const lockedIn = (trade: ClosedResult) => {
  const { position, priceStopLoss: stop, entries, exits } = trade.signal;
  const entry = entries[0]!.price;
  const pays =
    position === "long"
      ? stop * (1 - s) * (1 - f) > entry * (1 + s) * (1 + f)
      : stop * (1 + s) * (1 + f) < entry * (1 - s) * (1 - f);
  return trade.closeReason === "stop_loss" && exits.at(-1)!.price === stop && pays;
};

// 1. Declarative: once the best price is 0.5% in profit, the stop trails it 0.5% behind.
const declarative = await backtest({
  strategyName: "momentum-trailing-rule",
  interval: "1h",
  getSignal: (symbol) =>
    momentumSignal(
      symbol,
      { takeProfitPercent: 3, stopLossPercent: 1, minuteEstimatedTime: 720 },
      { trailingStop: { distancePercent: 0.5, activationPercent: 0.5 } },
    ),
});
const trailed = declarative.filter((trade) => stopMoves(trade, "trailing_stop").length > 0);
const locked = trailed.filter(lockedIn);
console.log(
  `\ntrailingStop: ${declarative.length} trades, ${trailed.length} trailed, ${locked.length} stopped out in profit, PnL ${quote(totalPnl(declarative))} quote`,
);
if (locked[0] !== undefined) {
  printFills(locked[0]);
  printLevelChanges(locked[0]);
}

check(trailed.length > 0, `the trailing stop moved stops (${trailed.length} trades)`);
check(
  trailed.every((trade) => stopMoves(trade, "trailing_stop").every((change) => tightens(trade, change))),
  "every trailing move tightened the stop",
);
check(
  locked.length > 0 && locked.every((trade) => trade.pnl.pnlCost > 0),
  `trades stopped at a trailed stop beyond breakeven kept a profit (${locked.length})`,
);
// A stop moved by a candle applies from the next candle: no trade is stopped in the minute that moved its stop.
check(
  trailed
    .filter((trade) => trade.closeReason === "stop_loss")
    .every((trade) => trade.closeTimestamp > stopMoves(trade, "trailing_stop").at(-1)!.timestamp),
  "no trailed stop was hit by the candle that moved it",
);

// 2. By command: at each hourly look, once 0.5% in profit, put the stop 0.5% behind the current price.
const command = await backtest({
  strategyName: "momentum-trailing-command",
  interval: "1h",
  getSignal: (symbol) =>
    momentumSignal(symbol, { takeProfitPercent: 3, stopLossPercent: 1, minuteEstimatedTime: 720 }),
  onOpenInterval(symbol) {
    const position = getPosition(symbol);
    if (position !== null && position.unrealizedPnl >= 0.005 * position.invested) {
      commitTrailingStop(symbol, 0.5); // false (and nothing moves) if it would loosen the stop
    }
  },
});
const commanded = command.filter((trade) => stopMoves(trade, "commit_trailing_stop").length > 0);
console.log(
  `\ncommitTrailingStop: ${command.length} trades, ${commanded.length} trailed, ${commanded.filter(lockedIn).length} stopped out in profit, PnL ${quote(totalPnl(command))} quote`,
);
if (commanded[0] !== undefined) {
  printFills(commanded[0]);
  printLevelChanges(commanded[0]);
}
console.log();

check(commanded.length > 0, `commitTrailingStop moved stops (${commanded.length} trades)`);
check(
  commanded.every((trade) =>
    stopMoves(trade, "commit_trailing_stop").every(
      (change) => tightens(trade, change) && change.timestamp % 3_600_000 === 0,
    ),
  ),
  "every commanded move tightened the stop, at the hourly look that asked for it",
);
