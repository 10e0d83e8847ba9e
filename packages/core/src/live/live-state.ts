import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunnerSnapshot } from "../kernel/signal-runner.js";
import type { JsonValue, PersistKey } from "../spec/persist.js";
import type { LiveResult } from "../spec/tick-result.js";

/**
 * What a live run persists per (strategy, symbol): the runner's state, plus the events of the last transition
 * until they have been delivered (an outbox). A crash after the write and before delivery re-delivers them on
 * restart, so nothing is lost; ids are stable, so a consumer can drop a repeat.
 */
export interface LiveState {
  readonly version: 1;
  readonly exchangeName: string;
  readonly runner: RunnerSnapshot;
  readonly outbox: readonly LiveResult[];
}

/** Checks a stored value before trusting it: persistence is the source of truth, so a foreign shape is an error. */
export function parseLiveState(value: JsonValue, key: PersistKey, adapter: string): LiveState {
  const state = value as unknown as LiveState;
  const ok =
    state !== null &&
    typeof state === "object" &&
    state.version === 1 &&
    typeof state.exchangeName === "string" &&
    typeof state.runner === "object" &&
    state.runner !== null &&
    ["idle", "scheduled", "opened"].includes(state.runner.phase) &&
    Array.isArray(state.outbox);
  if (!ok) {
    throw new CandlewickError(
      "BAD_LIVE_STATE",
      `[core] the live state stored by persist-${adapter} at ${key.namespace}/${key.strategyName}/${key.symbol} is not a Candlewick v1 live state; move it aside to start fresh`,
      { details: { key, adapter } },
    );
  }
  return state;
}
