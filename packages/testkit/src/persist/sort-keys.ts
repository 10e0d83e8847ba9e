import type { PersistKey } from "@candlewick/core";

/** `keys()` promises no order; cases compare sorted copies. */
export function sortKeys(keys: readonly PersistKey[]): PersistKey[] {
  const id = (key: PersistKey) => `${key.namespace}\u0000${key.strategyName}\u0000${key.symbol}`;
  return [...keys].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}
