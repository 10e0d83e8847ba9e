import type { EngineState } from "../engine/engine-state.js";
import type { ScheduleData } from "../spec/reports/schedule-data.js";
import { getScheduleData } from "./get-schedule-data.js";
import { reportMethods } from "./report-methods.js";

/** What happened to scheduled (limit) entries: activation and cancellation counts, rates and waits. `engine.Schedule`. */
export interface ScheduleApi {
  /** A strategy's scheduled entries (all symbols, or one), backtest and live apart. */
  getData(strategyName: string, symbol?: string): ScheduleData;
  /** The same data rendered by the engine's reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string;
  /** Writes the report (all symbols) to `<dir>/<strategyName><ext>` atomically; returns the path. Default `./dump/schedule`. */
  dump(strategyName: string, dir?: string): Promise<string>;
}

/** The `Schedule` facade of one engine. */
export function createScheduleApi(engine: EngineState): ScheduleApi {
  return reportMethods(
    engine,
    "Schedule",
    (strategyName, symbol) => getScheduleData(engine.schedule, strategyName, symbol),
    (reporter, data) => reporter.renderSchedule(data),
    "schedule",
  );
}
