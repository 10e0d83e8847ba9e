import type { RiskCandidate } from "../../spec/risk.js";
import type { RunContext } from "../run-context.js";
import type { Account, AccountVerdict } from "./account.js";

/**
 * Asks the run's registered risks about a candidate entry. Wired to the risk module (`evaluateRisks`) when it
 * lands; until then only the account's own cash check applies.
 */
export function checkRisks(
  _run: RunContext,
  _account: Account,
  _candidate: RiskCandidate,
  _when: number,
): AccountVerdict | null {
  return null;
}

/** Publishes a rejected entry (`listenRisk`, `Risk.getData`); nothing opens. */
export function rejectEntry(
  _run: RunContext,
  _account: Account,
  _verdict: AccountVerdict,
  _candidate: RiskCandidate,
  _when: number,
): void {}
