import type { EngineState } from "../engine/engine-state.js";
import { writeReportFile } from "../files/write-report-file.js";
import type { Reporter } from "../spec/reporter.js";

/** The three ways every report object answers: its data, the data rendered, the rendering written to a file. */
export interface ReportMethods<Data> {
  getData(name: string, symbol?: string): Data;
  getReport(name: string, symbol?: string): string;
  dump(name: string, dir?: string): Promise<string>;
}

/**
 * Builds `getData` / `getReport` / `dump` of one report object (`Backtest`, `Walker`, `Schedule`…) on an engine:
 * each checks the engine is usable, reads the data, renders it with the engine's reporter; `dump` renders every
 * symbol and writes `<dir>/<name><ext>` atomically (default dir `./dump/<kind>`).
 */
export function reportMethods<Data>(
  engine: EngineState,
  facade: string,
  read: (name: string, symbol?: string) => Data,
  render: (reporter: Reporter, data: Data) => string,
  kind: string,
): ReportMethods<Data> {
  const data = (method: string, name: string, symbol?: string): Data => {
    engine.assertUsable(`${facade}.${method}`);
    return read(name, symbol);
  };
  return {
    getData: (name, symbol) => data("getData", name, symbol),
    getReport: (name, symbol) => render(engine.requireReporter(), data("getReport", name, symbol)),
    async dump(name, dir = `./dump/${kind}`) {
      const all = data("dump", name);
      const reporter = engine.requireReporter();
      return writeReportFile(dir, name, reporter.fileExtension, render(reporter, all));
    },
  };
}
