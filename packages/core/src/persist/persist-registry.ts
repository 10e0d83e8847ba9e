import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { PersistAdapter } from "../spec/persist.js";
import { importFromApp } from "./import-from-app.js";

let registered: PersistAdapter | undefined;

/**
 * Chooses where live runs keep their state, process-wide (a run can also pass `persist`). Without it, live runs
 * use `@candlewick/persist-fs` with its defaults (`./signals/<strategy>/<symbol>.json`) when that package is
 * installed.
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

/** The adapter a live run uses: its own, the registered one, or persist-fs's default. */
export async function resolvePersist(own: PersistAdapter | undefined): Promise<PersistAdapter> {
  if (own !== undefined) return own;
  if (registered !== undefined) return registered;
  try {
    // An optional peer: the embedded default for live state when installed.
    const fs = await importFromApp<{ createFsPersist: () => PersistAdapter }>("@candlewick/persist-fs");
    registered = fs.createFsPersist();
    return registered;
  } catch (error) {
    throw new CandlewickError(
      "NO_PERSISTENCE",
      "[core] live runs need persistence: install @candlewick/persist-fs (used automatically), or call setPersist(...) with an adapter (persist-redis, or createMemoryPersist() for throwaway paper runs)",
      { cause: error },
    );
  }
}
