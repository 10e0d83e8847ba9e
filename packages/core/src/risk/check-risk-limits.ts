import type { RiskContext, RiskPosition, RiskSchema } from "../spec/risk.js";
import { formatRiskAmount } from "./format-risk-amount.js";
import { reuseReason } from "./reuse-reason.js";
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
  /** A failure of `rule` whose sentence says a, b, c and word (the string is reused while they stay the same). */
  const fail = (
    rule: (typeof RISK_LIMIT_RULES)[number],
    [a, b, c, word]: [number, number, number, string],
    sentence: () => string,
  ): RiskCheckFailure => ({
    riskName: risk.riskName,
    rule,
    reason: reuseReason(risk, rule, a, b, c, word, sentence),
  });
  const adds = candidate.kind === "average_buy";
  if (risk.maxConcurrentPositions !== undefined && !adds && positions.length >= risk.maxConcurrentPositions) {
    const limit = risk.maxConcurrentPositions;
    return fail(
      "maxConcurrentPositions",
      [positions.length, limit, 0, ""],
      () => `${countOf(positions.length)} open or scheduled, maxConcurrentPositions is ${limit}`,
    );
  }
  if (risk.maxPositionsPerSymbol !== undefined && !adds) {
    let onSymbol = 0;
    for (const position of positions) if (position.symbol === candidate.symbol) onSymbol++;
    const limit = risk.maxPositionsPerSymbol;
    if (onSymbol >= limit) {
      return fail(
        "maxPositionsPerSymbol",
        [onSymbol, limit, 0, candidate.symbol],
        () =>
          `${countOf(onSymbol)} open or scheduled on ${candidate.symbol}, maxPositionsPerSymbol is ${limit}`,
      );
    }
  }
  if (risk.maxExposure !== undefined) {
    let held = 0;
    for (const position of positions) held += position.exposure;
    const after = held + candidate.cost;
    const limit = risk.maxExposure;
    if (after > limit) {
      return fail(
        "maxExposure",
        [held, candidate.cost, limit, ""],
        () =>
          `exposure would be ${formatRiskAmount(after)} (${formatRiskAmount(held)} held + ${formatRiskAmount(candidate.cost)} for this entry), maxExposure is ${formatRiskAmount(limit)}`,
      );
    }
  }
  const dailyLimit = risk.maxDailyLoss;
  if (dailyLimit !== undefined && -context.dayPnl >= dailyLimit) {
    return fail(
      "maxDailyLoss",
      [context.dayPnl, dailyLimit, 0, ""],
      () =>
        `today's realised loss is ${formatRiskAmount(-context.dayPnl)} (since 00:00 UTC), maxDailyLoss is ${formatRiskAmount(dailyLimit)}`,
    );
  }
  return null;
}

function countOf(positions: number): string {
  return positions === 1 ? "1 position" : `${positions} positions`;
}
