import { evaluateRisks } from "../../risk/evaluate-risks.js";
import type { RiskCandidate } from "../../spec/risk.js";
import type { RunContext } from "../run-context.js";
import type { Account, AccountVerdict } from "./account.js";

/** Asks the run's registered risks (`riskName`, `riskList`) about a candidate entry, in the account's state. */
export function checkRisks(
  run: RunContext,
  account: Account,
  candidate: RiskCandidate,
  when: number,
): AccountVerdict | null {
  if (run.risks.length === 0) return null;
  return evaluateRisks(run.risks, account.riskContext(candidate, when, run.backtest), account.members);
}

/** Publishes a rejected entry (`listenRisk`, `Risk.getData`); nothing opens. */
export function rejectEntry(
  run: RunContext,
  account: Account,
  verdict: AccountVerdict,
  candidate: RiskCandidate,
  when: number,
): void {
  account.rejectedEntries++;
  run.engine.publishRisk(
    {
      riskName: verdict.riskName,
      rule: verdict.rule,
      reason: verdict.reason,
      candidate,
      timestamp: when,
      backtest: run.backtest,
      frameName: run.frameName,
      activePositions: account.positions().length,
    },
    run.runId,
  );
}
