import { createBacktestApi } from "../backtest/backtest.js";
import { DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { createListeners } from "../events/listen.js";
import { createLiveApi } from "../live/live.js";
import { checkPersistAdapter } from "../persist/check-persist-adapter.js";
import { createPortfolioApi } from "../portfolio/portfolio.js";
import { registerExchange } from "../registry/register-exchange.js";
import { registerFrame } from "../registry/register-frame.js";
import { registerRisk } from "../registry/register-risk.js";
import { registerStrategy } from "../registry/register-strategy.js";
import { checkReporter } from "../report/check-reporter.js";
import { createHeatApi } from "../report/heat.js";
import { createPerformanceApi } from "../report/performance.js";
import { createScheduleApi } from "../report/schedule.js";
import { createRiskApi } from "../risk/risk.js";
import { registerWalker } from "../walker/register-walker.js";
import { createWalkerApi } from "../walker/walker.js";
import type { Engine, EngineOptions } from "./engine.js";
import { EngineState } from "./engine-state.js";

const states = new WeakMap<Engine, EngineState>();
let engineCounter = 0;

/**
 * Creates an engine: registrations, config, candle caches, results, reports, events, persistence and reporter of
 * its own, isolated from every other engine in the process (the default one included). Use one per test, per
 * deployment, or per optimiser worker; `dispose()` it when done.
 * @throws InvalidArgumentError / InvalidConfigError naming a bad option.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError("createEngine", "options", options, "an object (or nothing)");
  }
  const { name = `engine-${++engineCounter}`, config, persist, reporter } = options;
  if (typeof name !== "string" || name.length === 0) {
    throw new InvalidArgumentError("createEngine", "name", name, "a non-empty string");
  }
  const state = new EngineState(name);
  if (config !== undefined) state.patchConfig(config, "createEngine config");
  if (persist !== undefined) state.persist = checkPersistAdapter("createEngine persist", persist);
  if (reporter !== undefined) state.reporter = checkReporter("createEngine reporter", reporter);
  return engineOver(state, true);
}

/** The default engine behind the package's functions: made once per module instance, never disposed. */
export function createDefaultEngine(): Engine {
  return engineOver(new EngineState("default"), false);
}

/** The state behind an engine made by `createEngine` (for core's own modules and `@candlewick/core/internal`). */
export function engineStateOf(engine: Engine): EngineState {
  const state = states.get(engine);
  if (state === undefined) {
    throw new InvalidArgumentError("engineStateOf", "engine", engine, "an engine made by createEngine()");
  }
  return state;
}

/** The public face of `state`. Every method checks first that the engine was not disposed. */
function engineOver(state: EngineState, disposable: boolean): Engine {
  const usable = (component: string): EngineState => {
    state.assertUsable(component);
    return state;
  };
  const engine: Engine = {
    name: state.name,
    ...createListeners(state.events, (component) => state.assertUsable(component)),
    addStrategy: (schema) => registerStrategy(usable("addStrategy"), schema),
    addExchange: (schema) => registerExchange(usable("addExchange"), schema),
    addFrame: (schema) => registerFrame(usable("addFrame"), schema),
    addWalker: (schema) => registerWalker(usable("addWalker"), schema),
    addRisk: (schema) => registerRisk(usable("addRisk"), schema),
    removeStrategy: (name) => usable("removeStrategy").strategies.remove(name),
    removeExchange: (name) => usable("removeExchange").exchanges.remove(name),
    removeFrame: (name) => usable("removeFrame").frames.remove(name),
    removeWalker: (name) => usable("removeWalker").walkers.remove(name),
    removeRisk: (name) => usable("removeRisk").risks.remove(name),
    listStrategies: () => usable("listStrategies").strategies.list(),
    listExchanges: () => usable("listExchanges").exchanges.list(),
    listFrames: () => usable("listFrames").frames.list(),
    listWalkers: () => usable("listWalkers").walkers.list(),
    listRisks: () => usable("listRisks").risks.list(),
    setConfig: (patch) => usable("setConfig").patchConfig(patch, "setConfig"),
    getConfig: () => usable("getConfig").config,
    resetConfig: () => {
      usable("resetConfig").config = DEFAULT_CONFIG;
      return state.config;
    },
    setPersist: (adapter) => {
      usable("setPersist").persist = checkPersistAdapter("setPersist", adapter);
    },
    setReporter: (reporter) => {
      usable("setReporter").reporter = checkReporter("setReporter", reporter);
    },
    getReporter: () => usable("getReporter").requireReporter(),
    Backtest: createBacktestApi(state),
    Live: createLiveApi(state),
    Walker: createWalkerApi(state),
    Schedule: createScheduleApi(state),
    Heat: createHeatApi(state),
    Performance: createPerformanceApi(state),
    Risk: createRiskApi(state),
    Portfolio: createPortfolioApi(state),
    dispose: disposable
      ? () => state.dispose()
      : () =>
          Promise.reject(
            new CandlewickError(
              "ENGINE_NOT_DISPOSABLE",
              "[core] the default engine (behind addStrategy, Backtest, …) cannot be disposed: its functions are the package's; create your own with createEngine() to dispose it",
            ),
          ),
  };
  states.set(engine, state);
  return engine;
}
