import { createEngine as createBareEngine, type Engine, type EngineOptions } from "@candlewick/core";
import { defaultEngine, provideEngineDefaults } from "@candlewick/core/internal";
import { createFsPersist } from "@candlewick/persist-fs";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";

/**
 * The defaults a `candlewick` user expects: live state in files (`@candlewick/persist-fs`,
 * `./signals/<strategy>/<symbol>.json`) and markdown reports (`@candlewick/reporter-markdown`) for every
 * `getReport` and `dump`. They are fallbacks: whatever the user sets (`setPersist`, `setReporter`, a run's own
 * `persist`), before or after importing `candlewick`, wins. The state folder is made only when a live run needs it.
 */
export function useDefaults(engine: Engine): Engine {
  provideEngineDefaults(engine, {
    persist: () => createFsPersist(),
    reporter: () => createMarkdownReporter(),
  });
  return engine;
}

/** Wires the defaults into the default engine (behind `addStrategy`, `Backtest`, …). */
export function useDefaultsOnDefaultEngine(): void {
  useDefaults(defaultEngine);
}

/**
 * `createEngine` with the `candlewick` defaults: an isolated engine whose live state goes to files and whose
 * reports are markdown unless `options` (or its setters) say otherwise. See `@candlewick/core`'s `createEngine`.
 */
export function createEngine(options?: EngineOptions): Engine {
  return useDefaults(createBareEngine(options));
}
