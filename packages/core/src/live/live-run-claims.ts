import { CandlewickError } from "../errors/candlewick-error.js";
import type { PersistAdapter, PersistKey } from "../spec/persist.js";

// Per adapter, not per engine: two engines sharing one persistence must not both run the same state either.
const claims = new WeakMap<PersistAdapter, Set<string>>();

/**
 * Claims a (strategy, symbol) state for one live run in this process: two runs writing the same state would open
 * positions twice. Returns the release function. (Across processes, run each (strategy, symbol) in one place.)
 */
export function claimLiveState(persist: PersistAdapter, key: PersistKey): () => void {
  let claimed = claims.get(persist);
  if (claimed === undefined) {
    claimed = new Set();
    claims.set(persist, claimed);
  }
  const id = `${key.namespace}/${key.strategyName}/${key.symbol}`;
  if (claimed.has(id)) {
    throw new CandlewickError(
      "LIVE_ALREADY_RUNNING",
      `[core] a live run of ${key.strategyName} on ${key.symbol} is already running on this persistence (persist-${persist.name}, ${id}); stop it before starting another`,
      { details: { key, adapter: persist.name } },
    );
  }
  claimed.add(id);
  return () => claimed.delete(id);
}
