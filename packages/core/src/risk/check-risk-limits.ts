import type { RiskContext, RiskPosition, RiskSchema } from "../spec/risk.js";
import { formatRiskAmount } from "./format-risk-amount.js";
import type { RiskCheckFailure } from "./risk-check-failure.js";

/** The built-in limits, in the order they are checked. */
export const RISK_LIMIT_RULES = [
  "maxConcurrentPositions",
  "maxPositionsPerSymbol",
  "maxExposure",
  "maxDailyLoss",
] as const;

/**
 * The built-in limits of one risk, in {@link RISK_LIMIT_RULES} order; null when every set limit allows the
 * candidate. `positions` are those the risk counts (the positions of the strategies sharing it).
 *
 * - `maxConcurrentPositions` / `maxPositionsPerSymbol`: a new entry is rejected when the positions already open or
 *   scheduled (overall / on the candidate's symbol) number the limit or more. A DCA add (`kind: "average_buy"`)
 *   adds to a position already counted, so these two limits do not apply to it.
 * - `maxExposure`: rejected when Σ exposure of `positions` + the candidate's cost exceeds the limit (a DCA add
 *   too). Reaching the limit exactly is allowed.
 * - `maxDailyLoss`: rejected (a DCA add too) once today's realised loss, −`context.dayPnl`, is the limit or more.
 *   `dayPnl` is the account's, so this limit is over every strategy of the run, not only those sharing the risk.
 */
export function checkRiskLimits(
  risk: RiskSchema,
  context: RiskContext,
  positions: readonly RiskPosition[],
): RiskCheckFailure | null {
  const { candidate } = context;
  const fail = (rule: (typeof RISK_LIMIT_RULES)[number], reason: string): RiskCheckFailure => ({
    riskName: risk.riskName,
    rule,
    reason,
  });
  const adds = candidate.kind === "average_buy";
  if (risk.maxConcurrentPositions !== undefined && !adds && positions.length >= risk.maxConcurrentPositions) {
    return fail(
      "maxConcurrentPositions",
      `${countOf(positions.length)} open or scheduled, maxConcurrentPositions is ${risk.maxConcurrentPositions}`,
    );
  }
  if (risk.maxPositionsPerSymbol !== undefined && !adds) {
    let onSymbol = 0;
    for (const position of positions) if (position.symbol === candidate.symbol) onSymbol++;
    if (onSymbol >= risk.maxPositionsPerSymbol) {
      return fail(
        "maxPositionsPerSymbol",
        `${countOf(onSymbol)} open or scheduled on ${candidate.symbol}, maxPositionsPerSymbol is ${risk.maxPositionsPerSymbol}`,
      );
    }
  }
  if (risk.maxExposure !== undefined) {
    let held = 0;
    for (const position of positions) held += position.exposure;
    const after = held + candidate.cost;
    if (after > risk.maxExposure) {
      return fail(
        "maxExposure",
        `exposure would be ${formatRiskAmount(after)} (${formatRiskAmount(held)} held + ${formatRiskAmount(candidate.cost)} for this entry), maxExposure is ${formatRiskAmount(risk.maxExposure)}`,
      );
    }
  }
  if (risk.maxDailyLoss !== undefined && -context.dayPnl >= risk.maxDailyLoss) {
    return fail(
      "maxDailyLoss",
      `today's realised loss is ${formatRiskAmount(-context.dayPnl)} (since 00:00 UTC), maxDailyLoss is ${formatRiskAmount(risk.maxDailyLoss)}`,
    );
  }
  return null;
}

function countOf(positions: number): string {
  return positions === 1 ? "1 position" : `${positions} positions`;
}
