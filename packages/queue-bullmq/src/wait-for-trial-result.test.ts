import type { TrialJob } from "@candlewick/research";
import { Queue, QueueEvents } from "bullmq";
import { describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import { useRedisServer } from "../../persist-redis/src/test-support/use-redis-server.js";
import type { EncodedTrialResult } from "./encode-trial-result.js";
import { startTrialWorker } from "./start-trial-worker.js";
import { smaCrossJob } from "./test-support/trial-jobs.js";
import { TrialJobFailure, waitForTrialResult } from "./wait-for-trial-result.js";

describe.skipIf(redisServerMissing)("waitForTrialResult without the completion event", () => {
  const redis = useRedisServer();

  it("still resolves, and rejects, from the job's state alone", async () => {
    const connection = { host: "127.0.0.1", port: redis().port, maxRetriesPerRequest: null };
    const queue = new Queue<TrialJob, EncodedTrialResult>("polled", { connection, prefix: "candlewick" });
    // Listening to another queue's events: no event of these jobs ever arrives, as when Redis trimmed them.
    const deaf = new QueueEvents("another-queue", { connection, prefix: "candlewick" });
    const worker = startTrialWorker({
      connection: redis().url,
      queueName: "polled",
      runner: async (job) => {
        if (job.trialNumber === 2) throw new Error("no candles");
        return { value: job.trialNumber + 0.5, metrics: {} };
      },
    });
    try {
      await worker.ready();
      await queue.add("trial", smaCrossJob("p", 1, {}), { jobId: "p/1" });
      await queue.add("trial", smaCrossJob("p", 2, {}), { jobId: "p/2" });
      await expect(waitForTrialResult(queue, deaf, "p/1", 50)).resolves.toEqual({ value: 1.5, metrics: {} });
      const failure = await waitForTrialResult(queue, deaf, "p/2", 50).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TrialJobFailure);
      expect((failure as Error).message).toBe("no candles");
    } finally {
      await worker.close();
      await Promise.all([deaf.close(), queue.close()]);
    }
  });
});
