import type { StrategySchema } from "../spec/strategy.js";

/**
 * The risks a strategy is checked against: its `riskName`, then its `riskList` in order, each name once (a name in
 * both, or listed twice, is checked once). Empty when it names none.
 */
export function riskNamesOf(strategy: Pick<StrategySchema, "riskName" | "riskList">): string[] {
  const names = new Set<string>();
  if (strategy.riskName !== undefined) names.add(strategy.riskName);
  for (const name of strategy.riskList ?? []) names.add(name);
  return [...names];
}
