import type { RunIdentity } from "@candlewick/core";

/**
 * Identifies a run by what `getContext()` and the done events both tell: mode, strategy, exchange, frame and
 * symbol. Two runs with the same key never overlap in time unless the very same backtest is started twice at once.
 */
export function runKey(identity: RunIdentity): string {
  const mode = identity.backtest ? "backtest" : "live";
  return `${mode}\0${identity.strategyName}\0${identity.exchangeName}\0${identity.frameName}\0${identity.symbol}`;
}
