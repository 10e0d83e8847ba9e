import type { StrategySchema } from "../spec/strategy.js";
import { riskNamesOf } from "./risk-names-of.js";

/** Which strategies share each risk: a risk name → the names of the strategies that reference it. */
export type RiskMembers = ReadonlyMap<string, ReadonlySet<string>>;

/** The {@link RiskMembers} of the strategies of one run (a strategy naming no risk appears under none). */
export function collectRiskMembers(
  strategies: readonly Pick<StrategySchema, "strategyName" | "riskName" | "riskList">[],
): RiskMembers {
  const members = new Map<string, Set<string>>();
  for (const strategy of strategies) {
    for (const riskName of riskNamesOf(strategy)) {
      let names = members.get(riskName);
      if (names === undefined) {
        names = new Set();
        members.set(riskName, names);
      }
      names.add(strategy.strategyName);
    }
  }
  return members;
}
