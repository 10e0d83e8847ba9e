import type { CandlewickConfig } from "../config/candlewick-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { riskNamesOf } from "../risk/risk-names-of.js";
import type { RunContext } from "./run-context.js";

let runCounter = 0;

/** What every run names. */
export interface RunSelection {
  readonly strategyName: string;
  readonly exchangeName: string;
  /** Per-run overrides of the engine's config (`setConfig`). */
  readonly config?: Partial<CandlewickConfig>;
}

/** Checks a symbol given to a run: a non-empty string with no NUL, as exchanges name markets. */
export function checkSymbol(component: string, symbol: unknown): string {
  if (
    typeof symbol !== "string" ||
    symbol.trim().length === 0 ||
    symbol.length > 100 ||
    symbol.includes("\0")
  ) {
    throw new InvalidArgumentError(component, "symbol", symbol, 'a market symbol such as "BTCUSDT"');
  }
  return symbol;
}

/**
 * Resolves names and config on `engine` into a `RunContext` (the run keeps them: unregistering a strategy or
 * changing the config later does not affect it): unknown names throw listing the registered ones, a bad config
 * override throws naming the key; nothing is started before all of it is valid.
 */
export function createRunContext(
  engine: EngineState,
  component: string,
  symbol: string,
  selection: RunSelection,
  mode: { backtest: boolean; frameName: string; horizon: () => number },
): RunContext {
  checkSymbol(component, symbol);
  if (selection === null || typeof selection !== "object") {
    throw new InvalidArgumentError(
      component,
      "context",
      selection,
      "an object naming strategyName and exchangeName",
    );
  }
  const strategy = engine.strategies.get(selection.strategyName);
  const exchange = engine.exchanges.get(selection.exchangeName);
  const risks = Object.freeze(riskNamesOf(strategy).map((riskName) => engine.risks.get(riskName)));
  const config = resolveConfig(engine.config, selection.config, `${component} config`);
  const candles = engine.repositoryFor(exchange);
  return {
    runId: `run-${++runCounter}`,
    engine,
    symbol,
    strategyName: strategy.strategyName,
    exchangeName: exchange.exchangeName,
    frameName: mode.frameName,
    backtest: mode.backtest,
    strategy,
    exchange,
    config,
    risks,
    candles,
    horizon: mode.horizon,
    minuteFeed: candles.feed(symbol, "1m"),
  };
}
