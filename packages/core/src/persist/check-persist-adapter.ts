import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { PersistAdapter } from "../spec/persist.js";

/** Checks an adapter given to `setPersist` or `createEngine`: it must speak the persist contract "v1". */
export function checkPersistAdapter(component: string, adapter: unknown): PersistAdapter {
  if (
    adapter === null ||
    typeof adapter !== "object" ||
    (adapter as PersistAdapter).specificationVersion !== "v1"
  ) {
    throw new InvalidArgumentError(
      component,
      "adapter",
      adapter,
      'a persistence adapter with specificationVersion "v1"',
    );
  }
  return adapter as PersistAdapter;
}

/**
 * The error of a live run with no persistence. Core picks no default: live state that silently lived in memory
 * would be lost on a restart with open positions (see architecture/decisions.md), and core does not import
 * packages from the application. The `candlewick` package wires `@candlewick/persist-fs`.
 */
export function noPersistenceError(): CandlewickError {
  return new CandlewickError(
    "NO_PERSISTENCE",
    '[core] live runs need persistence and none is configured: pass `persist` in the run\'s options, call setPersist(createFsPersist()) from @candlewick/persist-fs (or persist-redis; createMemoryPersist() for throwaway paper runs), give createEngine({ persist }), or import from the "candlewick" package, which wires @candlewick/persist-fs',
  );
}
