import type { RiskContext, RiskSchema } from "../spec/risk.js";
import { checkRiskLimits } from "./check-risk-limits.js";
import type { RiskCheckFailure } from "./risk-check-failure.js";
import type { RiskMembers } from "./risk-members.js";
import { runRiskValidations } from "./run-risk-validations.js";

/**
 * Decides whether a candidate entry may go ahead: null when every risk allows it, else the first failing check.
 * Pure: it reads the context, changes nothing, and calls only the user's validations.
 *
 * Order: the risks in the order given (a strategy's `riskName`, then its `riskList`); within one risk, the
 * built-in limits (`maxConcurrentPositions`, `maxPositionsPerSymbol`, `maxExposure`, `maxDailyLoss`, see
 * `checkRiskLimits`), then its custom validations in order (see `runRiskValidations`). Validations of a risk
 * run only when its limits allow, and nothing runs after the first rejection.
 *
 * Positions and exposure are counted per risk, over the positions of the strategies that share it: `members`
 * maps a risk name to those strategies' names (build it with `collectRiskMembers`). A risk with no entry in
 * `members` (or no `members` at all) counts every position in `context.positions`, which is the same thing in a
 * run whose strategies all share the risk. Whether the candidate is long or short plays no part; custom
 * validations see the whole context.
 */
export function evaluateRisks(
  risks: readonly RiskSchema[],
  context: RiskContext,
  members?: RiskMembers,
): RiskCheckFailure | null {
  for (const risk of risks) {
    const sharing = members?.get(risk.riskName);
    const positions =
      sharing === undefined
        ? context.positions
        : context.positions.filter((position) => sharing.has(position.strategyName));
    const failure = checkRiskLimits(risk, context, positions) ?? runRiskValidations(risk, context);
    if (failure !== null) return failure;
  }
  return null;
}
