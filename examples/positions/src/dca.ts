// DCA (averaging in): add to a losing position with commitAverageBuy from onOpenInterval. Each add is a new entry
// fill at the market price, sized by the strategy's sizing unless given a cost, and checked by the risks; the
// position's entry price becomes the quantity-weighted average.
import { commitAverageBuy, getPosition } from "candlewick";
import { check, near, printFills, quote, totalPnl } from "./check.js";
import { backtest, momentumSignal, movedAgainst, registerMarket } from "./setup.js";

registerMarket();
const MAX_ENTRIES = 3;

const trades = await backtest({
  strategyName: "momentum-dca",
  interval: "1h",
  sizing: { kind: "fixed-cost", cost: 200 },
  getSignal: (symbol) =>
    momentumSignal(symbol, { takeProfitPercent: 1, stopLossPercent: 3, minuteEstimatedTime: 1440 }),
  // At each hourly look: while fewer than 3 entries, add 200 once the price is 0.5% against the average entry.
  onOpenInterval(symbol, _when, signal) {
    const position = getPosition(symbol);
    if (position === null || position.entries.length >= MAX_ENTRIES) return;
    if (movedAgainst(signal.position, position.markPrice, position.averagePrice, 0.5))
      commitAverageBuy(symbol);
  },
});
const averaged = trades.filter((trade) => trade.signal.entries.length > 1);
console.log(
  `\ncommitAverageBuy: ${trades.length} trades, ${averaged.length} averaged in, PnL ${quote(totalPnl(trades))} quote`,
);
const shown = averaged.find((trade) => trade.signal.entries.length === MAX_ENTRIES) ?? averaged[0];
if (shown !== undefined) {
  printFills(shown);
  console.log(
    `    average entry ${shown.signal.priceOpen.toFixed(2)}, invested ${shown.pnl.invested.toFixed(2)}`,
  );
}
console.log();

check(averaged.length > 0, `positions were averaged into (${averaged.length} trades)`);
check(
  trades.every((trade) => {
    const { entries } = trade.signal;
    return (
      entries.length <= MAX_ENTRIES &&
      entries[0]!.reason === "open" &&
      entries.slice(1).every((fill) => fill.reason === "average_buy" && fill.timestamp % 3_600_000 === 0)
    );
  }),
  `each position has its own entry then at most ${MAX_ENTRIES - 1} adds, made at hourly looks`,
);
check(
  averaged.every((trade) => trade.signal.entries.every((fill) => near(fill.value, 200, 0.001))),
  "every add spent the sizing's 200 quote",
);
// Recomputed from the fills alone.
check(
  averaged.every((trade) => {
    const { entries, exits, position } = trade.signal;
    const sum = (fills: typeof entries, pick: (fill: (typeof entries)[number]) => number) =>
      fills.reduce((total, fill) => total + pick(fill), 0);
    const quantity = sum(entries, (fill) => fill.quantity);
    const average = sum(entries, (fill) => fill.price * fill.quantity) / quantity;
    const invested = sum(entries, (fill) => fill.value);
    const fees = sum(entries, (fill) => fill.fee) + sum(exits, (fill) => fill.fee);
    const exitValue = sum(exits, (fill) => fill.value);
    const pnl = (position === "long" ? exitValue - invested : invested - exitValue) - fees;
    return (
      near(trade.signal.priceOpen, average, 1e-6) &&
      near(trade.pnl.invested, invested, 1e-9) &&
      near(trade.pnl.pnlCost, pnl, 1e-9) &&
      near(
        sum(exits, (fill) => fill.quantity),
        quantity,
        1e-8,
      )
    );
  }),
  "entry price = quantity-weighted average of the entries; PnL = exits − entries − fees; all of it exited",
);
check(
  averaged.every((trade) => {
    const { entries, position } = trade.signal;
    // Each add's price is at least 0.5% against the average of the entries before it.
    return entries.slice(1).every((add, i) => {
      const before = entries.slice(0, i + 1);
      const quantity = before.reduce((total, fill) => total + fill.quantity, 0);
      const average = before.reduce((total, fill) => total + fill.price * fill.quantity, 0) / quantity;
      return position === "long" ? add.price <= average * 0.995 : add.price >= average * 1.005;
    });
  }),
  "every add was made 0.5% or more against the average entry",
);
