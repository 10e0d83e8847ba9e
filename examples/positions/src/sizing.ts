// Sizing: the same trades sized three ways. A signal may give its own `cost` or `quantity`; without one the
// strategy's `sizing` decides (else the run's, default fixed-cost 100).
import { type ClosedResult, getConfig, type Sizing } from "candlewick";
import { check, near, quote, time, totalPnl } from "./check.js";
import { backtest, momentumSignal, registerMarket } from "./setup.js";

registerMarket();
const { initialCapital, percentFee, percentSlippage } = getConfig();

const sizings: readonly Sizing[] = [
  { kind: "fixed-cost", cost: 500 }, // spend 500 quote per entry
  { kind: "equity-fraction", fraction: 0.2 }, // spend 20% of the equity at the decision
  { kind: "risk", fraction: 0.01 }, // lose 1% of the equity if the stop is hit, fees and slippage included
];

const results = new Map<Sizing["kind"], ClosedResult[]>();
for (const sizing of sizings) {
  const trades = await backtest({
    strategyName: `momentum-${sizing.kind}`,
    interval: "1h",
    sizing,
    getSignal: (symbol) =>
      momentumSignal(symbol, { takeProfitPercent: 1.5, stopLossPercent: 1, minuteEstimatedTime: 720 }),
  });
  results.set(sizing.kind, trades);
  console.log(
    `\n${sizing.kind} ${JSON.stringify(sizing)}: ${trades.length} trades, PnL ${quote(totalPnl(trades))} quote`,
  );
  console.log("  opened       side   invested     PnL  close");
  for (const trade of trades.slice(0, 5)) {
    console.log(
      `  ${time(trade.signal.pendingAt)}  ${trade.signal.position.padEnd(5)} ${trade.pnl.invested.toFixed(2).padStart(9)} ${quote(trade.pnl.pnlCost).padStart(8)}  ${trade.closeReason}`,
    );
  }
  if (trades.length > 5) console.log(`  … ${trades.length - 5} more`);
}
console.log();

// The checks recompute each size from the trade list alone. One position at a time, so at each decision the
// equity is the cash: the initial capital plus the PnL of the trades closed before.
const equityBefore = (trades: readonly ClosedResult[], index: number) =>
  initialCapital + totalPnl(trades.slice(0, index));
// Quantities are rounded to 8 decimals by the exchange: at ~70,000 quote a unit, under 0.001 quote of value.
const rounding = 0.001;

const fixed = results.get("fixed-cost")!;
check(fixed.length >= 5, `fixed-cost traded (${fixed.length} trades)`);
check(
  fixed.every((trade) => near(trade.pnl.invested, 500, rounding)),
  "fixed-cost: every entry's value is 500 quote",
);

const fraction = results.get("equity-fraction")!;
check(
  fraction.every((trade, i) => near(trade.pnl.invested, 0.2 * equityBefore(fraction, i), rounding)),
  "equity-fraction: every entry's value is 20% of the equity when it was decided",
);
check(
  new Set(fraction.map((trade) => trade.pnl.invested.toFixed(2))).size > 1,
  "equity-fraction: the size followed the equity (not one fixed size)",
);

// A stop hit exactly at its level (no gap past it) loses what `risk` aimed at: 1% of the equity.
const risk = results.get("risk")!;
const s = percentSlippage / 100;
const f = percentFee / 100;
const cleanStops = risk
  .map((trade, i) => ({ trade, equity: equityBefore(risk, i) }))
  .filter(
    ({ trade }) =>
      trade.closeReason === "stop_loss" && trade.signal.exits.at(-1)!.price === trade.signal.priceStopLoss,
  );
check(cleanStops.length > 0, `risk: some trades were stopped at their level (${cleanStops.length})`);
// Loss per unit at the stop, both fills' slippage and fees included (architecture/semantics.md, "Size").
const lossAtStop = ({ trade, equity }: (typeof cleanStops)[number]) => {
  const { position, entries, priceStopLoss: stop } = trade.signal;
  const entry = entries[0]!.price;
  const perUnit =
    position === "long"
      ? entry * (1 + s) * (1 + f) - stop * (1 - s) * (1 - f)
      : stop * (1 + s) * (1 + f) - entry * (1 - s) * (1 - f);
  return { planned: entries[0]!.quantity * perUnit, lost: -trade.pnl.pnlCost, target: 0.01 * equity };
};
for (const stop of cleanStops.slice(0, 3)) {
  const { lost, target } = lossAtStop(stop);
  console.log(
    `  stop at ${time(stop.trade.closeTimestamp)}: lost ${lost.toFixed(2)}, 1% of equity ${target.toFixed(2)}`,
  );
}
check(
  cleanStops.every((stop) => {
    const { planned, lost, target } = lossAtStop(stop);
    return near(planned, target, 0.01) && near(lost, target, 0.01);
  }),
  `risk: each of the ${cleanStops.length} stops lost 1% of the equity it was sized from`,
);
