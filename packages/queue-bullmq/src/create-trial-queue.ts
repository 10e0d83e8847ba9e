import { CandlewickError } from "@candlewick/core";
import type { TrialJob, TrialJobRunner } from "@candlewick/research";
import { Queue, QueueEvents } from "bullmq";
import { decodeTrialResult, type EncodedTrialResult } from "./encode-trial-result.js";
import { parseOptions } from "./parse-options.js";
import { bullConnection } from "./redis-connection.js";
import { trialJobId } from "./trial-job-id.js";
import { type TrialQueueOptions, trialQueueOptionsSchema } from "./trial-queue-options.js";
import { TrialJobFailure, waitForTrialResult } from "./wait-for-trial-result.js";

/** The producer side of the queue: what an optimiser, walk-forward or script uses to run trials elsewhere. */
export interface TrialQueue {
  /** Enqueues the trial and resolves with its result once a worker has run it (see {@link createTrialQueue}). */
  readonly runner: TrialJobRunner;
  readonly queueName: string;
  /** Jobs by state (`waiting`, `active`, `completed`, `failed`, `delayed`), for progress and dashboards. */
  counts(): Promise<Readonly<Record<string, number>>>;
  /** Stops listening and closes the queue's connections; waiting runner calls reject. */
  close(): Promise<void>;
}

/**
 * Connects to the trial queue on Redis. `runner(job)` adds the job under the id `trialJobId(studyId,
 * trialNumber)` and waits for its result. A trial the queue already holds is not added again: a call for a trial
 * that is waiting or running waits for that run, one for a finished trial resolves with its stored result at
 * once, and one for a failed trial starts it again. Results come back exactly as the worker's runner returned
 * them (NaN, infinities and -0 included).
 *
 * Many calls may wait at once (a study that runs trials concurrently, a benchmark); each costs one Redis round
 * trip to add and none to wait, since one event stream serves them all.
 *
 * @example
 * const queue = createTrialQueue({ connection: "redis://10.0.0.5:6379" });
 * const result = await queue.runner(job); // run by `candlewick worker --redis redis://10.0.0.5:6379` on any machine
 * await queue.close();
 * @throws InvalidArgumentError for bad options (a URL's password is never shown). The runner rejects with a
 * CandlewickError `TRIAL_JOB_FAILED` carrying the worker's error message, or `QUEUE_UNAVAILABLE` when Redis
 * refuses the job.
 */
export function createTrialQueue(options: TrialQueueOptions): TrialQueue {
  const parsed = parseOptions("createTrialQueue", trialQueueOptionsSchema, options);
  const producer = bullConnection(parsed.connection);
  const listener = bullConnection(parsed.connection);
  const queue = new Queue<TrialJob, EncodedTrialResult>(parsed.queueName, {
    connection: producer.connection,
    prefix: parsed.prefix,
    defaultJobOptions: {
      // A runner's error is deterministic (bad params, missing candles): trying again would fail the same way.
      attempts: 1,
      removeOnComplete: { age: parsed.keepResultsSeconds },
      removeOnFail: { age: parsed.keepResultsSeconds },
    },
  });
  const events = new QueueEvents(parsed.queueName, {
    connection: listener.connection,
    prefix: parsed.prefix,
  });
  // Each waiting call listens for the queue closing: many waits at once are expected, not a leak.
  queue.setMaxListeners(0);
  let lastError: Error | undefined;
  // BullMQ reconnects by itself; a call that cannot reach Redis rejects on its own. The listeners keep a lost
  // connection from being an unhandled 'error' event, and keep the reason for that rejection.
  queue.on("error", (error) => {
    lastError = error;
  });
  events.on("error", (error) => {
    lastError = error;
  });

  const runner: TrialJobRunner = async (job) => {
    const jobId = trialJobId(job.studyId, job.trialNumber);
    const details = {
      queueName: parsed.queueName,
      jobId,
      studyId: job.studyId,
      trialNumber: job.trialNumber,
    };
    let added: Awaited<ReturnType<typeof queue.add>>;
    try {
      added = await queue.add("trial", job, { jobId });
      if (await added.isFailed()) await added.retry("failed");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const connection = lastError === undefined ? "" : ` (last connection error: ${lastError.message})`;
      throw new CandlewickError(
        "QUEUE_UNAVAILABLE",
        `cannot enqueue trial ${job.trialNumber} of study "${job.studyId}" on queue "${parsed.queueName}": ${reason}${connection}`,
        { details, cause: error },
      );
    }
    let encoded: EncodedTrialResult;
    try {
      encoded = await waitForTrialResult(queue, events, jobId, parsed.pollMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!(error instanceof TrialJobFailure)) {
        throw new CandlewickError(
          "QUEUE_UNAVAILABLE",
          `lost track of trial ${job.trialNumber} of study "${job.studyId}" on queue "${parsed.queueName}": ${reason}`,
          { details, cause: error },
        );
      }
      throw new CandlewickError(
        "TRIAL_JOB_FAILED",
        `trial ${job.trialNumber} of study "${job.studyId}" failed on a worker: ${reason}`,
        { details },
      );
    }
    return decodeTrialResult(encoded);
  };

  return {
    runner,
    queueName: parsed.queueName,
    counts: () => queue.getJobCounts("waiting", "active", "completed", "failed", "delayed"),
    async close() {
      try {
        await Promise.all([events.close(), queue.close()]);
      } finally {
        producer.release();
        listener.release();
      }
    },
  };
}
