/** A Redis URL with its password masked, for a log line: core's `maskUrlUserInfo`, under the name this package has always exported. */
export { maskUrlUserInfo as redactRedisUrl } from "@candlewick/core";
export { createTrialQueue, type TrialQueue } from "./create-trial-queue.js";
export { decodeTrialResult, type EncodedTrialResult, encodeTrialResult } from "./encode-trial-result.js";
export type { RedisClientLike } from "./redis-connection.js";
export { startTrialWorker, type TrialWorker } from "./start-trial-worker.js";
export { trialJobId } from "./trial-job-id.js";
export type { TrialQueueOptions } from "./trial-queue-options.js";
export type { TrialWorkerOptions } from "./trial-worker-options.js";
