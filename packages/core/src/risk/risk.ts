import type { EngineState } from "../engine/engine-state.js";
import { writeReportFile } from "../files/write-report-file.js";
import { reportMethods } from "../report/report-methods.js";
import type { RiskData } from "../spec/reports/risk-data.js";
import { getRiskData } from "./get-risk-data.js";

/** Base name of the file `Risk.dump()` writes when no risk is named. */
export const EVERY_RISK_FILE = "all-risks";

/** Stands for "every risk" inside the report methods; no risk can have it (risk names are not empty). */
const EVERY_RISK = "";

/** The signals the engine's risks rejected: counts per risk, rule, symbol and strategy, and every rejection. `engine.Risk`. */
export interface RiskApi {
  /** The rejections of one risk (or every risk, when `riskName` is omitted), on every symbol or one. */
  getData(riskName?: string, symbol?: string): RiskData;
  /** The same data rendered by the engine's reporter (`setReporter`). */
  getReport(riskName?: string, symbol?: string): string;
  /**
   * Writes the report (every symbol) to `<dir>/<riskName><ext>` atomically, or to `<dir>/all-risks<ext>` over
   * every risk; returns the path. Default `./dump/risk`.
   */
  dump(riskName?: string, dir?: string): Promise<string>;
}

/** The `Risk` facade of one engine. */
export function createRiskApi(engine: EngineState): RiskApi {
  const read = (riskName: string, symbol?: string): RiskData =>
    getRiskData(engine.riskLog, riskName === EVERY_RISK ? undefined : riskName, symbol);
  const methods = reportMethods(engine, "Risk", read, (reporter, data) => reporter.renderRisk(data), "risk");
  return {
    getData: (riskName, symbol) => methods.getData(riskName ?? EVERY_RISK, symbol),
    getReport: (riskName, symbol) => methods.getReport(riskName ?? EVERY_RISK, symbol),
    async dump(riskName, dir = "./dump/risk") {
      if (riskName !== undefined) return methods.dump(riskName, dir);
      engine.assertUsable("Risk.dump");
      const data = read(EVERY_RISK);
      const reporter = engine.requireReporter();
      return writeReportFile(dir, EVERY_RISK_FILE, reporter.fileExtension, reporter.renderRisk(data));
    },
  };
}
