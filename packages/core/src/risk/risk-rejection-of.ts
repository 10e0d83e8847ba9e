import type { RiskContext, RiskRejection } from "../spec/risk.js";
import type { RiskCheckFailure } from "./risk-check-failure.js";

/** The rejection a run publishes (`EngineState.publishRisk`) for a failed check, stamped from the decision's context. */
export function riskRejectionOf(
  failure: RiskCheckFailure,
  context: RiskContext,
  frameName: string,
): RiskRejection {
  return {
    riskName: failure.riskName,
    rule: failure.rule,
    reason: failure.reason,
    candidate: context.candidate,
    timestamp: context.timestamp,
    backtest: context.backtest,
    frameName,
    activePositions: context.positions.length,
  };
}
