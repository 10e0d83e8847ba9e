import { CandlewickError } from "@candlewick/core";
import type { TrialJob } from "@candlewick/research";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type EncodedTrialResult, encodeTrialResult } from "./encode-trial-result.js";
import { parseOptions } from "./parse-options.js";
import { bullConnection } from "./redis-connection.js";
import { trialJobResultSchema, trialJobSchema } from "./trial-job-schema.js";
import { type TrialWorkerOptions, trialWorkerOptionsSchema } from "./trial-worker-options.js";

/** A running consumer of the trial queue. */
export interface TrialWorker {
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
  /**
   * Stops taking jobs. Gracefully (default) it waits for the trials in progress and stores their results;
   * `force` drops them at once, and they run again elsewhere once their lock expires.
   */
  close(options?: { readonly force?: boolean }): Promise<void>;
  /** The last error BullMQ reported (a lost connection it is recovering from), if any. */
  lastError(): Error | undefined;
}

/**
 * Consumes trial jobs from the queue with `runner` (in this process), `concurrency` at a time. Each job is
 * checked against the `TrialJob` shape before the runner sees it, and the runner's result against
 * `TrialJobResult` before it is stored. A runner that throws fails the trial (not retried: the same job fails
 * the same way) and the producer's runner call rejects with the message.
 *
 * Kill-safety: a trial holds a lock in Redis that this worker renews. If the process dies, the lock expires
 * after `lockDurationMs`, another worker's stalled check (every `stalledIntervalMs`) puts the trial back in the
 * queue and it runs again from its description, so a killed worker loses no trial, and a trial never gets two
 * results: completing needs the lock.
 *
 * @throws InvalidArgumentError for bad options (a URL's password is never shown).
 */
export function startTrialWorker(options: TrialWorkerOptions): TrialWorker {
  const parsed = parseOptions("startTrialWorker", trialWorkerOptionsSchema, options);
  const runner = options.runner;
  const consumer = bullConnection(parsed.connection);
  let lastError: Error | undefined;
  const processJob = async (job: Job<TrialJob, EncodedTrialResult>): Promise<EncodedTrialResult> => {
    const checked = trialJobSchema.safeParse(job.data);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new UnrecoverableError(
        `job ${job.id} is not a TrialJob: "${issue.path.join(".")}" ${issue.message}`,
      );
    }
    const result = await runner(checked.data as TrialJob);
    const shape = trialJobResultSchema.safeParse(result);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw new CandlewickError(
        "INVALID_TRIAL_RESULT",
        `the runner's result for job ${job.id} is not a TrialJobResult: "${issue.path.join(".") || "(result)"}" ${issue.message}; expected { value: number, metrics: { [name]: number } }`,
        { details: { jobId: job.id } },
      );
    }
    return encodeTrialResult(shape.data);
  };
  const worker = new Worker<TrialJob, EncodedTrialResult>(parsed.queueName, processJob, {
    connection: consumer.connection,
    prefix: parsed.prefix,
    concurrency: parsed.concurrency,
    lockDuration: parsed.lockDurationMs,
    stalledInterval: parsed.stalledIntervalMs,
    maxStalledCount: parsed.maxStalledCount,
  });
  // BullMQ reconnects by itself; the listener keeps a lost connection from being an unhandled 'error' event.
  worker.on("error", (error) => {
    lastError = error;
    parsed.onError?.(error);
  });
  return {
    ready: async () => {
      await worker.waitUntilReady();
    },
    async close(closeOptions = {}) {
      try {
        await worker.close(closeOptions.force === true);
      } finally {
        consumer.release();
      }
    },
    lastError: () => lastError,
  };
}
