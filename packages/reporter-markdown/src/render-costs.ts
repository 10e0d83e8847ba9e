import type { RunCosts } from "@candlewick/core";

/**
 * `- Costs: fee 0.1% and slippage 0.1% per side; fill model: candle`: what a report's PnL includes. The numbers
 * are the configured ones, unrounded. Results saved before costs were recorded have none: that is said, not guessed.
 */
export function renderCosts(costs: readonly RunCosts[] | undefined): string {
  if (costs === undefined || costs.length === 0) return "- Costs: not recorded in this result";
  const each = costs.map(
    (entry) =>
      `fee ${entry.percentFee}% and slippage ${entry.percentSlippage}% per side; fill model: ${entry.fillModel}`,
  );
  return costs.length === 1 ? `- Costs: ${each[0]}` : `- Costs (the pooled runs differ): ${each.join(" | ")}`;
}
