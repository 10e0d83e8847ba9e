import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { PersistAdapter } from "../spec/persist.js";

let registered: PersistAdapter | undefined;

/**
 * Chooses where live runs keep their state, process-wide (a run can also pass `persist`). Core has no default:
 * without either, a live run fails with `NO_PERSISTENCE` (the `candlewick` package registers
 * `@candlewick/persist-fs`).
 */
export function setPersist(adapter: PersistAdapter): void {
  if (adapter === null || typeof adapter !== "object" || adapter.specificationVersion !== "v1") {
    throw new InvalidArgumentError(
      "setPersist",
      "adapter",
      adapter,
      'a persistence adapter with specificationVersion "v1"',
    );
  }
  registered = adapter;
}

/**
 * The adapter a live run uses: its own, else the registered one. Core picks no default: live state that silently
 * lived in memory would be lost on a restart with open positions (see architecture/decisions.md), and core does
 * not import packages from the application. The `candlewick` package registers `@candlewick/persist-fs`.
 * @throws CandlewickError `NO_PERSISTENCE` when neither is there.
 */
export async function resolvePersist(own: PersistAdapter | undefined): Promise<PersistAdapter> {
  if (own !== undefined) return own;
  if (registered !== undefined) return registered;
  throw new CandlewickError(
    "NO_PERSISTENCE",
    '[core] live runs need persistence and none is configured: pass `persist` in the run\'s options, call setPersist(createFsPersist()) from @candlewick/persist-fs (or persist-redis; createMemoryPersist() for throwaway paper runs), or import from the "candlewick" package, which registers @candlewick/persist-fs',
  );
}
