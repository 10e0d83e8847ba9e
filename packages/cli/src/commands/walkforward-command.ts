import { basename } from "node:path";
import { jsonLinesStudyStorage, walkForward, walkForwardMarkdown } from "@candlewick/research";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { createProgressBar } from "../progress-bar.js";
import {
  jobTemplate,
  parseChoice,
  parseInteger,
  parseStudyOptions,
  type StudyCommandOptions,
  settingsLines,
  spaceOf,
} from "../research-options.js";
import { openStudyRunner } from "../study-runner.js";
import { UsageError } from "../usage-error.js";
import { writeResearchResult } from "../write-research-result.js";

/** Options of `candlewick walkforward`. */
export interface WalkforwardCommandOptions extends StudyCommandOptions {
  mode: string;
  inSample: string;
  outOfSample: string;
  /** Folder of per-fold study logs (`fold-<i>.jsonl`): a rerun resumes them. */
  studyDir?: string;
  /** Also write the analysis as a self-contained HTML page with charts here. */
  html?: string;
}

const DAY_MS = 86_400_000;

/**
 * `candlewick walkforward <strategy-file>`: rolling or anchored folds over the window; each fold optimises in
 * sample and trades the best parameters out of sample; prints the folds, the stitched record and the
 * walk-forward efficiency. In-sample trials run where `--workers` / `--redis` say (default in this process).
 */
export async function walkforwardCommand(
  file: string,
  options: WalkforwardCommandOptions,
  io: CliIo,
): Promise<number> {
  const settings = parseStudyOptions(options);
  const mode = parseChoice("--mode", options.mode, ["rolling", "anchored"] as const);
  const inSampleDays = parseInteger("--in-sample", options.inSample, 1);
  const outOfSampleDays = parseInteger("--out-of-sample", options.outOfSample, 1);
  const spanDays = (settings.to.getTime() - settings.from.getTime()) / DAY_MS;
  if (inSampleDays + outOfSampleDays > spanDays) {
    throw new UsageError(
      `--in-sample ${inSampleDays} + --out-of-sample ${outOfSampleDays} days do not fit in --from..--to (${spanDays.toFixed(1)} days)`,
      "shorten the spans or widen the window",
    );
  }
  const definition = await loadDefinition(file, false);
  const space = spaceOf(definition, file);
  const { runner, evaluate, close } = await openStudyRunner(settings, io);
  const folds = Math.floor((spanDays - inSampleDays) / outOfSampleDays);
  const bar = createProgressBar(`walkforward ${definition.name}`, io.stderr as NodeJS.WriteStream);
  let result: Awaited<ReturnType<typeof walkForward>>;
  try {
    result = await walkForward({
      windows: {
        mode,
        startMs: settings.from.getTime(),
        endMs: settings.to.getTime(),
        inSampleMs: inSampleDays * DAY_MS,
        outOfSampleMs: outOfSampleDays * DAY_MS,
      },
      space,
      template: jobTemplate(`walkforward:${basename(file)}`, file, settings),
      trials: settings.trials,
      seed: settings.seed,
      sampler: settings.sampler,
      direction: settings.direction,
      constraints: settings.constraints,
      parallelism: settings.parallelism,
      runner,
      evaluate,
      ...(options.studyDir === undefined
        ? {}
        : { storage: (fold: number) => jsonLinesStudyStorage(`${options.studyDir}/fold-${fold}.jsonl`) }),
      onTrial: (fold, _record, finished) =>
        bar.update(fold * settings.trials + finished, folds * settings.trials, `fold ${fold + 1}/${folds}`),
    });
  } finally {
    bar.stop();
    await close();
  }
  const info = {
    title: `Walk-forward of ${definition.name} (${mode}, ${inSampleDays} d in sample, ${outOfSampleDays} d out of sample)`,
    settings: settingsLines(file, settings),
    statistic: settings.statistic,
  };
  const data = { ...info, mode, inSampleDays, outOfSampleDays, ...result };
  await writeResearchResult(options, "walkforward", data, () => walkForwardMarkdown(result, info), io);
  return 0;
}
