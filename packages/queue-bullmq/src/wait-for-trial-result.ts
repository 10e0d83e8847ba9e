import type { EventEmitter } from "node:events";
import type { TrialJob } from "@candlewick/research";
import type { Queue, QueueEvents } from "bullmq";
import type { EncodedTrialResult } from "./encode-trial-result.js";

/** Thrown inside {@link waitForTrialResult} when the job failed: the worker's reason. */
export class TrialJobFailure extends Error {}

/**
 * Resolves with the result of job `jobId` once it completed, or rejects with a {@link TrialJobFailure} once it
 * failed. Completion events arrive on the queue's event stream, but Redis trims that stream (BullMQ keeps about
 * 10,000 events, a few per job): a listener that falls behind under a burst of jobs would wait forever for an
 * event trimmed away. So the job's state is also read when waiting starts and every `pollMs` after; whichever
 * answers first wins.
 */
export function waitForTrialResult(
  queue: Queue<TrialJob, EncodedTrialResult>,
  events: QueueEvents,
  jobId: string,
  pollMs: number,
): Promise<EncodedTrialResult> {
  // BullMQ's typings list only its general events; the per-job ones (`completed:<id>`) are plain emitter events.
  const stream = events as unknown as EventEmitter;
  const closing = queue as unknown as EventEmitter;
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.off(`completed:${jobId}`, onCompleted);
      stream.off(`failed:${jobId}`, onFailed);
      closing.off("closing", onClosing);
      outcome();
    };
    const onCompleted = (args: { returnvalue: unknown }) =>
      settle(() => resolve(args.returnvalue as EncodedTrialResult));
    const onFailed = (args: { failedReason: string }) =>
      settle(() => reject(new TrialJobFailure(args.failedReason)));
    const onClosing = () => settle(() => reject(new Error("the queue was closed while the trial ran")));
    stream.on(`completed:${jobId}`, onCompleted);
    stream.on(`failed:${jobId}`, onFailed);
    closing.on("closing", onClosing);
    const poll = async () => {
      try {
        // Listening first, then reading: an event of a job finishing in between is not missed either way.
        await events.waitUntilReady();
        const state = await queue.getJobState(jobId);
        if (state === "completed" || state === "failed") {
          const job = await queue.getJob(jobId);
          if (job !== undefined) {
            if (state === "completed") onCompleted({ returnvalue: job.returnvalue });
            else onFailed({ failedReason: job.failedReason });
          }
        }
      } catch (error) {
        settle(() => reject(error));
        return;
      }
      if (!settled) timer = setTimeout(poll, pollMs);
    };
    void poll();
  });
}
