import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { RunCosts } from "../spec/reports/run-costs.js";

export type { RunCosts };

/** The costs part of a run's effective config. */
export function runCostsOf(config: CandlewickConfig): RunCosts {
  return {
    percentFee: config.percentFee,
    percentSlippage: config.percentSlippage,
    fillModel: config.fillModel,
  };
}

/** The distinct costs of several runs (pooled symbols may have run with different settings), in first-seen order. */
export function distinctRunCosts(costs: Iterable<RunCosts>): RunCosts[] {
  const seen = new Map<string, RunCosts>();
  for (const entry of costs) {
    const key = `${entry.percentFee}|${entry.percentSlippage}|${entry.fillModel}`;
    if (!seen.has(key)) seen.set(key, entry);
  }
  return [...seen.values()];
}
