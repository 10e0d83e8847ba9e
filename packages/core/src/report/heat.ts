import type { EngineState } from "../engine/engine-state.js";
import type { HeatData } from "../spec/reports/heat-data.js";
import { getHeatData } from "./get-heat-data.js";
import { reportMethods } from "./report-methods.js";

/** A strategy's backtest results per symbol, side by side, with a portfolio row over all its trades. `engine.Heat`. */
export interface HeatApi {
  /** One row per symbol the strategy was backtested on, plus the pooled portfolio statistics. */
  getData(strategyName: string): HeatData;
  /** The heat map rendered by the engine's reporter (`setReporter`). */
  getReport(strategyName: string): string;
  /** Writes the heat map to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/heat`. */
  dump(strategyName: string, dir?: string): Promise<string>;
}

/** The `Heat` facade of one engine. */
export function createHeatApi(engine: EngineState): HeatApi {
  return reportMethods(
    engine,
    "Heat",
    (strategyName) => getHeatData(engine.journal, strategyName),
    (reporter, data) => reporter.renderHeat(data),
    "heat",
  );
}
