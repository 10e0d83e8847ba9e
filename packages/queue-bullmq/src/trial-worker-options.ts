import { z } from "zod";
import { connectionSchema, prefixSchema, queueNameSchema } from "./redis-connection.js";

const milliseconds = (min: number, fallback: number) =>
  z.number().int().min(min).max(3_600_000).default(fallback);

/** Options of `startTrialWorker`. */
export const trialWorkerOptionsSchema = z
  .strictObject({
    /** Where the queue lives: a `redis://` URL or an ioredis client (duplicated, never closed by the worker). */
    connection: connectionSchema,
    /** The queue to consume. Default `candlewick-trials`. */
    queueName: queueNameSchema,
    /** First part of the queue's Redis keys. Default `candlewick`. */
    prefix: prefixSchema,
    /** Runs one trial in this process, e.g. research's `runTrialJob`. */
    runner: z.custom<(job: never) => Promise<unknown>>(
      (value) => typeof value === "function",
      "a TrialJobRunner function (job) => Promise<{ value, metrics }>",
    ),
    /** Trials this process runs at once. Default 1: a backtest keeps one core busy. */
    concurrency: z.number().int().min(1).max(1_000).default(1),
    /**
     * How long a trial's lock lasts without renewal. The worker renews it every half of this on a timer, which
     * cannot fire while a backtest blocks the event loop: a trial that runs longer than this without yielding
     * is taken for stalled and started again elsewhere (its first result is then refused). Default 60 s.
     */
    lockDurationMs: milliseconds(100, 60_000),
    /** How often this worker looks for trials whose worker died (their lock expired). Default 15 s. */
    stalledIntervalMs: milliseconds(100, 15_000),
    /**
     * How many times a trial may lose its worker before it fails instead of being started again: a trial that
     * kills every worker it lands on (out of memory) must not take the fleet down in turn. Default 10.
     */
    maxStalledCount: z.number().int().min(1).max(1_000).default(10),
    /**
     * Told of each error BullMQ reports outside a trial (a lost connection it is recovering from, a failed
     * lock renewal), e.g. to log it. Trial errors go to the producer instead.
     */
    onError: z
      .custom<(error: Error) => void>((value) => typeof value === "function", "a function")
      .optional(),
  })
  .refine((options) => options.stalledIntervalMs <= options.lockDurationMs, {
    message: "at most lockDurationMs",
    path: ["stalledIntervalMs"],
  });

/** Options accepted by `startTrialWorker`. */
export type TrialWorkerOptions = Omit<z.input<typeof trialWorkerOptionsSchema>, "runner"> & {
  readonly runner: import("@candlewick/research").TrialJobRunner;
};
