import { z } from "zod";
import { resolveConfig } from "../config/resolve-config.js";
import type { EngineState } from "../engine/engine-state.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { checkSymbol } from "../kernel/create-run-context.js";
import { preparePoolLaunch } from "../pool/pool-launch.js";
import { DEFAULT_WALKER_METRIC } from "../statistics/walker-metric.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { setupModuleHref } from "./setup-module-href.js";
import type { WalkerPlan } from "./walker-plan.js";
import { walkerWorkerFlag } from "./walker-worker-flag.js";

/** What `Walker.run` / `Walker.background` take besides the symbol. */
export interface WalkerRunOptions {
  readonly walkerName: string;
  /**
   * How many strategies are backtested at once. 1 (default): one after another in this thread. More: on that
   * many worker threads (capped at the number of strategies), which needs the walker's `setupModule`. Results
   * are identical either way.
   */
  readonly concurrency?: number;
}

const optionsSchema = z.looseObject({
  walkerName: z.string().min(1, "a registered walker name"),
  concurrency: z.number().int().min(1).max(256).optional(),
});

/**
 * Checks everything a walker run needs before anything starts: the symbol, the options, the walker and every
 * name it refers to, the config, and for `concurrency > 1` the setup module and tsx. Throws naming the problem.
 */
export function planWalkerRun(
  engine: EngineState,
  component: string,
  symbol: string,
  options: WalkerRunOptions,
): WalkerPlan {
  engine.assertUsable(component);
  checkSymbol(component, symbol);
  const { walkerName, concurrency = 1 } = parseWithSchema(component, optionsSchema, options);
  if (walkerWorkerFlag.active) {
    throw new CandlewickError(
      "WALKER_IN_WORKER",
      `[core] ${component}: called inside a walker worker thread while it imported the setup module; a setup module must only register exchanges, frames and strategies (keep the Walker.run call in your main script)`,
      { details: { walkerName } },
    );
  }
  const schema = engine.walkers.get(walkerName);
  engine.exchanges.get(schema.exchangeName);
  engine.frames.get(schema.frameName);
  for (const strategyName of schema.strategies) engine.strategies.get(strategyName);
  const config = resolveConfig(engine.config, schema.config, `${component} config`);
  const setupModule = schema.setupModule === undefined ? null : setupModuleHref(schema.setupModule);
  if (concurrency > 1 && setupModule === null) {
    throw new InvalidArgumentError(
      component,
      "concurrency",
      concurrency,
      `1, because walker "${walkerName}" has no setupModule. Worker threads cannot receive functions, so each one imports a module that registers the same exchange, frame and strategies: move those registrations into a module and name it in addWalker({ walkerName: "${walkerName}", setupModule: new URL("./setup.ts", import.meta.url), ... })`,
    );
  }
  const launch = concurrency > 1 ? preparePoolLaunch(`Walker "${walkerName}"`, [setupModule!]) : null;
  return {
    engine,
    schema,
    symbol,
    metric: schema.metric ?? DEFAULT_WALKER_METRIC,
    config,
    concurrency,
    setupModule,
    launch,
  };
}
