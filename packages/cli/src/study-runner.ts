import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  createPoolTrialRunner,
  createTrialJobRunner,
  type TrialJob,
  type TrialJobRunner,
  type TrialRun,
} from "@candlewick/research";
import type { CliIo } from "./cli-io.js";
import { loadModuleUrl } from "./load-module.js";
import { queueOptionUsageError } from "./queue-option-usage-error.js";
import type { StudySettings } from "./research-options.js";

/** Where a study's trials run, and the in-process backtests that need their trades (walk-forward's OOS). */
export interface StudyRunner {
  readonly runner: TrialJobRunner;
  readonly evaluate: (job: TrialJob) => Promise<TrialRun>;
  close(): Promise<void>;
}

/**
 * The runner `--workers` / `--redis` ask for: in this thread (default), on a pool of worker threads, or through
 * the BullMQ queue. The study is the same with each; close the runner when it is done.
 */
export async function openStudyRunner(settings: StudySettings, io: CliIo): Promise<StudyRunner> {
  const inProcess = createTrialJobRunner({ importModule: loadModuleUrl });
  const where = settings.where;
  if (where.kind === "in-process") {
    return { runner: inProcess, evaluate: inProcess.withData, close: async () => undefined };
  }
  if (where.kind === "workers") {
    const pool = createPoolTrialRunner({ workers: where.workers, importModule: loadModuleUrl });
    return { runner: pool, evaluate: inProcess.withData, close: () => pool.close() };
  }
  // Loaded here rather than at the top: the other commands do not pay for BullMQ and ioredis.
  const { createTrialQueue, redactRedisUrl } = await import("@candlewick/queue-bullmq");
  let queue: ReturnType<typeof createTrialQueue>;
  try {
    queue = createTrialQueue({
      connection: where.redis,
      ...(where.queue === undefined ? {} : { queueName: where.queue }),
    });
  } catch (error) {
    throw queueOptionUsageError(error);
  }
  // Nothing happens until a worker takes the trials: say where they wait (the URL without its password).
  io.stderr.write(
    `trials go to queue "${where.queue ?? "candlewick-trials"}" on ${redactRedisUrl(where.redis)}; each machine runs \`candlewick worker --redis <url>\`\n`,
  );
  const identify = jobIdentity();
  return {
    runner: (job) => queue.runner(identify(job)),
    evaluate: inProcess.withData,
    close: () => queue.close(),
  };
}

/**
 * The queue keeps finished trials by (study id, trial number) and answers a repeated one from its stored
 * result. So that only the very same trial is answered that way, the study id gets a digest of the whole job
 * and of the strategy file's text: a rerun with other settings, params or code is a new trial, while a rerun of
 * the same study finds its results again.
 */
function jobIdentity(): (job: TrialJob) => TrialJob {
  const sources = new Map<string, string>();
  return (job) => {
    let source = sources.get(job.strategyModule);
    if (source === undefined) {
      source = readFileSync(job.strategyModule, "utf8");
      sources.set(job.strategyModule, source);
    }
    const digest = createHash("sha256").update(JSON.stringify(job)).update(source).digest("hex").slice(0, 16);
    return { ...job, studyId: `${job.studyId}@${digest}` };
  };
}
