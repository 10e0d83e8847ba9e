import type { RunIdentity } from "@candlewick/core";

/**
 * Identifies a run: the `runId` that `getContext()` and the run's events (done, progress) carry, unique per run
 * in the process, so even two identical backtests running at once keep separate indicator state.
 */
export function runKey(identity: Pick<RunIdentity, "runId">): string {
  return identity.runId;
}
