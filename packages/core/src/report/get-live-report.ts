import { getLiveData } from "./get-live-data.js";
import { getReporter } from "./set-reporter.js";

/** The live event log of a strategy (all symbols, or one) rendered by the registered reporter. `Live.getReport`. */
export function getLiveReport(strategyName: string, symbol?: string): string {
  return getReporter().renderLive(getLiveData(strategyName, symbol));
}
