import { basename } from "node:path";
import { jsonLinesStudyStorage, optimize, studyMarkdown, trialJobObjective } from "@candlewick/research";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { createProgressBar } from "../progress-bar.js";
import {
  jobTemplate,
  parseStudyOptions,
  type StudyCommandOptions,
  settingsLines,
  spaceOf,
} from "../research-options.js";
import { openStudyRunner } from "../study-runner.js";
import { RunFailure } from "../usage-error.js";
import { writeResearchResult } from "../write-research-result.js";

/** Options of `candlewick optimize`. */
export interface OptimizeCommandOptions extends StudyCommandOptions {
  /** JSON-lines study log: a rerun with the same settings resumes it. */
  study?: string;
  /** Also write the study as a self-contained HTML page with charts here. */
  html?: string;
}

/**
 * `candlewick optimize <strategy-file>`: searches the strategy's zod parameter space with trials backtested in
 * this process, on `--workers N` threads or by `candlewick worker` processes (`--redis <url>`); `--parallel k`
 * runs k at once in deterministic batches (default N with workers). The study is the same wherever trials run.
 * Then prints the ranking.
 */
export async function optimizeCommand(
  file: string,
  options: OptimizeCommandOptions,
  io: CliIo,
): Promise<number> {
  const settings = parseStudyOptions(options);
  const definition = await loadDefinition(file, false);
  const space = spaceOf(definition, file);
  const { runner, close } = await openStudyRunner(settings, io);
  const template = jobTemplate(`optimize:${basename(file)}`, file, settings);
  const bar = createProgressBar(`optimize ${definition.name}`, io.stderr as NodeJS.WriteStream);
  let bestLabel = "";
  let study: Awaited<ReturnType<typeof optimize>>;
  try {
    study = await optimize({
      space,
      objective: trialJobObjective(runner, {
        ...template,
        frame: { interval: settings.tick, startMs: settings.from.getTime(), endMs: settings.to.getTime() },
      }),
      sampler: settings.sampler(),
      trials: settings.trials,
      seed: settings.seed,
      direction: settings.direction,
      constraints: settings.constraints,
      parallelism: settings.parallelism,
      ...(options.study === undefined ? {} : { storage: jsonLinesStudyStorage(options.study) }),
      onTrial: (record, { finished, total }) => {
        if (record.state === "complete") bestLabel = `last ${settings.statistic} ${record.value.toFixed(3)}`;
        bar.update(finished, total, bestLabel);
      },
    });
  } finally {
    bar.stop();
    await close();
  }
  const info = {
    title: `Optimisation of ${definition.name}`,
    settings: settingsLines(file, settings),
    statistic: settings.statistic,
    direction: settings.direction,
  };
  const data = {
    ...info,
    best: study.best ?? null,
    trials: study.trials,
    resumedTrials: study.resumedTrials,
  };
  await writeResearchResult(options, "optimize", data, () => studyMarkdown(study.trials, info), io);
  if (study.best === undefined) {
    throw new RunFailure(
      `no trial of ${settings.trials} was feasible`,
      "loosen --min-trades, widen the window, or check that the strategy trades at all",
    );
  }
  return 0;
}
