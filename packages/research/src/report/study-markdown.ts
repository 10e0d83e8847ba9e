import type { Direction } from "../samplers/sampler.js";
import type { TrialRecord } from "../study/trial-record.js";
import { num, paramsText, table } from "./markdown-format.js";

/** What {@link studyMarkdown} describes besides the trials. */
export interface StudyReportInfo {
  readonly title: string;
  /** Lines of settings shown under the title (`sampler: tpe, seed 1`). */
  readonly settings: readonly string[];
  readonly statistic: string;
  readonly direction: Direction;
  /** Rows in the ranking (default 10). */
  readonly top?: number;
}

/** A markdown report of a study: settings, the best trial, a ranking of the best trials and the infeasible count. */
export function studyMarkdown(trials: readonly TrialRecord[], info: StudyReportInfo): string {
  const complete = trials.filter((trial) => trial.state === "complete");
  const sign = info.direction === "maximize" ? -1 : 1;
  const ranked = [...complete].sort((a, b) => sign * (a.value - b.value) || a.number - b.number);
  const best = ranked[0];
  const metricNames = [...new Set(trials.flatMap((trial) => Object.keys(trial.metrics)))]
    .filter((name) => name !== info.statistic)
    .sort();
  const lines = [`# ${info.title}`, "", ...info.settings.map((line) => `- ${line}`), ""];
  lines.push(
    `${trials.length} trials, ${complete.length} feasible, ${trials.length - complete.length} infeasible.`,
    "",
  );
  if (best === undefined) {
    lines.push("No trial was feasible.");
    return lines.join("\n");
  }
  lines.push(
    `**Best: trial ${best.number}**, ${info.statistic} = ${num(best.value, 4)} (${paramsText(best.params)})`,
    "",
  );
  const paramNames = Object.keys(best.params);
  lines.push(
    table(
      ["rank", "trial", ...paramNames, info.statistic, ...metricNames],
      `rr${"r".repeat(paramNames.length)}r${"r".repeat(metricNames.length)}`,
      ranked.slice(0, info.top ?? 10).map((trial, index) => [
        String(index + 1),
        String(trial.number),
        ...paramNames.map((name) => {
          const value = trial.params[name];
          return typeof value === "number" ? String(+value.toPrecision(6)) : String(value);
        }),
        num(trial.value, 4),
        ...metricNames.map((name) => num(trial.metrics[name], 2)),
      ]),
    ),
  );
  return lines.join("\n");
}
