import { z } from "zod";
import { connectionSchema, prefixSchema, queueNameSchema } from "./redis-connection.js";

/** Options of `createTrialQueue`. */
export const trialQueueOptionsSchema = z.strictObject({
  /** Where the queue lives: a `redis://` URL or an ioredis client (which the queue duplicates and never closes). */
  connection: connectionSchema,
  /** The queue's name; its workers must use the same. Default `candlewick-trials`. */
  queueName: queueNameSchema,
  /** First part of the queue's Redis keys. Default `candlewick`. */
  prefix: prefixSchema,
  /**
   * How long a finished trial's result stays in Redis, in seconds (default 7 days). Until then a trial enqueued
   * again is answered from it without running; afterwards it runs again.
   */
  keepResultsSeconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 86_400)
    .default(7 * 86_400),
  /**
   * How often a waiting runner call also reads its job's state, in case the completion event was trimmed from
   * Redis's event stream before it was read (bursts of many thousand jobs). Default 2 s.
   */
  pollMs: z.number().int().min(10).max(600_000).default(2_000),
});

/** Options accepted by `createTrialQueue`. */
export type TrialQueueOptions = z.input<typeof trialQueueOptionsSchema>;
