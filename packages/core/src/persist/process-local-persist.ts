import type { PersistAdapter } from "../spec/persist.js";

/**
 * Adapters whose state lives only as long as the process (the memory adapter): a restart on them happens in the
 * same process, never after a crash. A side channel, not part of the persist contract, like `provideJsonTextWrite`:
 * a wrapper (`{ ...adapter, write }`) is not marked and counts as durable, which is the safe side.
 */
const processLocal = new WeakSet<PersistAdapter>();

/** Declares that `adapter` keeps its state in this process only. */
export function markProcessLocal(adapter: PersistAdapter): void {
  processLocal.add(adapter);
}

/** True for an adapter declared with `markProcessLocal` (createMemoryPersist). */
export function isProcessLocal(adapter: PersistAdapter): boolean {
  return processLocal.has(adapter);
}
