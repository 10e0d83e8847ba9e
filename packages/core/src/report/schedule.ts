import type { EngineState } from "../engine/engine-state.js";
import type { ScheduleData } from "../spec/reports/schedule-data.js";
import { getScheduleData } from "./get-schedule-data.js";
import { writeReportFile } from "./write-report-file.js";

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
  const data = (component: string, strategyName: string, symbol?: string): ScheduleData => {
    engine.assertUsable(component);
    return getScheduleData(engine.schedule, strategyName, symbol);
  };
  return {
    getData: (strategyName, symbol) => data("Schedule.getData", strategyName, symbol),
    getReport: (strategyName, symbol) =>
      engine.requireReporter().renderSchedule(data("Schedule.getReport", strategyName, symbol)),
    async dump(strategyName, dir = "./dump/schedule") {
      const schedule = data("Schedule.dump", strategyName);
      const reporter = engine.requireReporter();
      return writeReportFile(dir, strategyName, reporter.fileExtension, reporter.renderSchedule(schedule));
    },
  };
}
