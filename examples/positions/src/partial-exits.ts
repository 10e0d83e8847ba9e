// Partial exits: bank part of a position on the way to the take-profit. Declaratively, with a take-profit
// ladder on the signal (evaluated inside the fill scan), or by command, with commitPartialProfit from
// onOpenInterval (strategy code that runs once per strategy interval while the position is open).
import { commitPartialProfit, getPosition } from "candlewick";
import { check, near, printFills, quote, totalPnl } from "./check.js";
import { backtest, momentumSignal, registerMarket, towardProfit } from "./setup.js";

registerMarket();
const quantityRounding = 1e-8; // the exchange formats quantities to 8 decimals

// 1. A ladder: half the position exits 0.5% in profit, the rest rides to the 1.5% take-profit (or the stop).
const laddered = await backtest({
  strategyName: "momentum-ladder",
  interval: "1h",
  getSignal: (symbol) =>
    momentumSignal(
      symbol,
      { takeProfitPercent: 1.5, stopLossPercent: 1, minuteEstimatedTime: 720 },
      { takeProfitLadder: [{ distancePercent: 0.5, fraction: 0.5 }] },
    ),
});
const rungHits = laddered.filter((trade) =>
  trade.signal.exits.some((fill) => fill.reason === "take_profit_ladder"),
);
console.log(
  `\ntakeProfitLadder: ${laddered.length} trades, ${rungHits.length} hit the rung, PnL ${quote(totalPnl(laddered))} quote`,
);
if (rungHits[0] !== undefined) printFills(rungHits[0]);

check(rungHits.length > 0, `a ladder rung filled (${rungHits.length} trades)`);
check(
  rungHits.every((trade) => {
    const entry = trade.signal.entries[0]!;
    const rung = trade.signal.exits.find((fill) => fill.reason === "take_profit_ladder")!;
    // The rung is 0.5% from the entry fill's raw price, for half the entered quantity; a gap past it fills at
    // the candle's open, which is beyond the rung (never worse).
    const rungPrice = towardProfit(trade.signal.position, entry.price, 0.5);
    const atOrBeyond =
      trade.signal.position === "long" ? rung.price >= rungPrice - 1e-6 : rung.price <= rungPrice + 1e-6;
    return atOrBeyond && near(rung.quantity, entry.quantity / 2, quantityRounding);
  }),
  "each rung sold half the position, at the rung 0.5% from the entry or beyond it",
);
check(
  laddered.every((trade) =>
    near(
      trade.signal.exits.reduce((sum, fill) => sum + fill.quantity, 0),
      trade.signal.entries[0]!.quantity,
      quantityRounding,
    ),
  ),
  "every position exited exactly the quantity it entered",
);

// 2. By command: at an hourly look, once the position is 0.4% in profit (fees of the exit included), sell half.
const manual = await backtest({
  strategyName: "momentum-partial-command",
  interval: "1h",
  getSignal: (symbol) =>
    momentumSignal(symbol, { takeProfitPercent: 1.5, stopLossPercent: 1, minuteEstimatedTime: 720 }),
  onOpenInterval(symbol, _when, signal) {
    const position = getPosition(symbol);
    if (position === null || signal.exits.length > 0) return; // once per position
    if (position.unrealizedPnl >= 0.004 * position.invested) commitPartialProfit(symbol, 50);
  },
});
const partials = manual.filter((trade) =>
  trade.signal.exits.some((fill) => fill.reason === "partial_profit"),
);
console.log(
  `\ncommitPartialProfit: ${manual.length} trades, ${partials.length} took a partial profit, PnL ${quote(totalPnl(manual))} quote`,
);
if (partials[0] !== undefined) printFills(partials[0]);
console.log();

check(partials.length > 0, `commitPartialProfit exited part of a position (${partials.length} trades)`);
check(
  partials.every((trade) => {
    const partial = trade.signal.exits.find((fill) => fill.reason === "partial_profit")!;
    const entry = trade.signal.entries[0]!;
    const inProfit =
      trade.signal.position === "long" ? partial.price > entry.price : partial.price < entry.price;
    // The hook runs at whole hours, and the command acts at that time.
    return (
      near(partial.quantity, entry.quantity / 2, quantityRounding) &&
      inProfit &&
      partial.timestamp % 3_600_000 === 0
    );
  }),
  "each partial sold half, in profit, at the hourly look that asked for it",
);
