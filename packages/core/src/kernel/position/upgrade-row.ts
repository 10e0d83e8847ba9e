import type { SignalRow } from "../../spec/signal.js";
import type { RunContext } from "../run-context.js";
import { makeFill } from "./position-fill.js";
import { entryQuantity } from "./size-entry.js";

/**
 * A row read from live state. State written before positions existed (0.1) has no quantity and no fills: it is
 * given the size the run's sizing gives it now and, if it was open, the one entry it made, so a restart after
 * the upgrade goes on with the same levels and lifetime.
 */
export function upgradeRow(signal: SignalRow, phase: string, run: RunContext): any {
  if (Array.isArray(signal.entries)) {
    return {
      ...signal,
      entries: signal.entries.slice(),
      exits: signal.exits.slice(),
      levelChanges: signal.levelChanges.slice(),
      ...(signal.ladder === undefined ? {} : { ladder: signal.ladder.map((rung) => ({ ...rung })) }),
    };
  }
  const { config } = run;
  const quantity = entryQuantity({
    position: signal.position,
    entryPrice: signal.priceOpen,
    priceStopLoss: signal.priceStopLoss,
    cost: undefined,
    quantity: undefined,
    sizing: config.sizing.kind === "fixed-cost" ? config.sizing : { kind: "fixed-cost", cost: 100 },
    equity: config.initialCapital,
    costs: config,
  });
  const opened = phase === "opened";
  return {
    ...signal,
    originalPriceTakeProfit: signal.priceTakeProfit,
    originalPriceStopLoss: signal.priceStopLoss,
    quantity,
    entries: opened
      ? [makeFill(signal.position, "entry", "open", signal.pendingAt, signal.priceOpen, quantity, config)]
      : [],
    exits: [],
    levelChanges: [],
  };
}
