import { createDefaultEngine, engineStateOf } from "./create-engine.js";
import type { Engine } from "./engine.js";
import type { EngineFallbacks } from "./engine-state.js";

/** The engine behind the package's functions (`addStrategy`, `Backtest`, `listenSignal`, …). */
export const defaultEngine: Engine = createDefaultEngine();

/** Its state, for core's own modules (the walker's worker thread runs on it). */
export const defaultEngineState = engineStateOf(defaultEngine);

/**
 * Wires defaults into an engine that the user's own `setPersist`/`setReporter` (before or after) override: the
 * `candlewick` package wires `@candlewick/persist-fs` and `@candlewick/reporter-markdown` this way.
 */
export function provideEngineDefaults(engine: Engine, fallbacks: EngineFallbacks): void {
  engineStateOf(engine).fallbacks = fallbacks;
}
