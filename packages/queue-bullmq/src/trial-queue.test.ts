import type { TrialJob, TrialJobResult } from "@candlewick/research";
import { describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import { useRedisServer } from "../../persist-redis/src/test-support/use-redis-server.js";
import { createTrialQueue } from "./create-trial-queue.js";
import { startTrialWorker } from "./start-trial-worker.js";
import { smaCrossJob } from "./test-support/trial-jobs.js";
import { trialJobId } from "./trial-job-id.js";

const job = (trialNumber: number, params: Record<string, unknown>, studyId = "s"): TrialJob =>
  smaCrossJob(studyId, trialNumber, params);

describe.skipIf(redisServerMissing)("the trial queue on a real redis-server", () => {
  const redis = useRedisServer();

  /** A queue and one in-process worker with `runner`, on a queue of their own. */
  async function withQueue(
    queueName: string,
    runner: (job: TrialJob) => Promise<TrialJobResult>,
    body: (run: (job: TrialJob) => Promise<TrialJobResult>) => Promise<void>,
  ): Promise<void> {
    const queue = createTrialQueue({ connection: redis().url, queueName });
    const worker = startTrialWorker({ connection: redis().url, queueName, runner, concurrency: 4 });
    try {
      await worker.ready();
      await body(queue.runner);
    } finally {
      await worker.close();
      await queue.close();
    }
  }

  it("returns what the worker's runner returned, NaN, infinities and -0 included", async () => {
    // a + 2b computed by the worker; the expected values are worked out here by hand.
    const runner = async (trial: TrialJob): Promise<TrialJobResult> => {
      const { a, b } = trial.params as { a: number; b: number };
      return {
        value: a + 2 * b,
        metrics: {
          nan: Number.NaN,
          inf: Number.POSITIVE_INFINITY,
          ninf: -Infinity,
          negZero: -0,
          third: 1 / 3,
        },
      };
    };
    await withQueue("round-trip", runner, async (run) => {
      const results = await Promise.all([run(job(0, { a: 1, b: 2 })), run(job(1, { a: 0.1, b: 0.2 }))]);
      expect(results.map((result) => result.value)).toEqual([5, 0.5]);
      const metrics = results[0]!.metrics;
      expect(metrics.nan).toBeNaN();
      expect(metrics.inf).toBe(Number.POSITIVE_INFINITY);
      expect(metrics.ninf).toBe(Number.NEGATIVE_INFINITY);
      expect(Object.is(metrics.negZero, -0)).toBe(true);
      expect(metrics.third).toBe(0.3333333333333333);
    });
  });

  it("runs a trial enqueued twice once, and answers the second call from the stored result", async () => {
    const executions: number[] = [];
    const runner = async (trial: TrialJob): Promise<TrialJobResult> => {
      executions.push(trial.trialNumber);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { value: trial.trialNumber * 10, metrics: {} };
    };
    await withQueue("dedup", runner, async (run) => {
      // Twice while it waits or runs, then once more after it finished.
      const [first, second] = await Promise.all([run(job(7, {})), run(job(7, {}))]);
      const third = await run(job(7, {}));
      expect([first.value, second.value, third.value]).toEqual([70, 70, 70]);
      expect(executions).toEqual([7]);
      // Another study's trial 7 is another job.
      expect((await run(job(7, {}, "other"))).value).toBe(70);
      expect(executions).toEqual([7, 7]);
    });
  });

  it("rejects with the worker's error, and runs a failed trial again when it is enqueued again", async () => {
    let calls = 0;
    const runner = async (): Promise<TrialJobResult> => {
      calls += 1;
      if (calls === 1) throw new Error("candles missing for BTCUSDT");
      return { value: 1, metrics: {} };
    };
    await withQueue("failures", runner, async (run) => {
      const failure = await run(job(3, {})).catch((error: unknown) => error);
      expect(failure).toMatchObject({
        code: "TRIAL_JOB_FAILED",
        message: 'trial 3 of study "s" failed on a worker: candles missing for BTCUSDT',
        details: { jobId: trialJobId("s", 3), trialNumber: 3 },
      });
      expect((await run(job(3, {}))).value).toBe(1);
      expect(calls).toBe(2);
    });
  });

  it("fails a job that is not a TrialJob, and a result that is not a TrialJobResult, naming the field", async () => {
    const runner = async (trial: TrialJob): Promise<TrialJobResult> =>
      (trial.trialNumber === 1 ? { value: "high", metrics: {} } : { value: 1, metrics: {} }) as never;
    await withQueue("shapes", runner, async (run) => {
      const badJob = { ...job(0, {}), symbols: [] };
      await expect(run(badJob)).rejects.toThrow(/is not a TrialJob: "symbols"/);
      await expect(run(job(1, {}))).rejects.toThrow(/is not a TrialJobResult: "value"/);
    });
  });

  it("keeps ids of different trials apart, whatever the study id holds", () => {
    expect(trialJobId("sma:v2", 17)).toBe("sma%3Av2/17");
    expect(trialJobId("a/1", 2)).not.toBe(trialJobId("a", 12));
  });
});

describe("options", () => {
  it("names the bad option and never shows a URL's password", () => {
    const attempt = (connection: unknown) => {
      try {
        createTrialQueue({ connection: connection as string });
      } catch (error) {
        return error as Error & { details: Record<string, unknown> };
      }
      throw new Error("accepted");
    };
    for (const url of ["http://user:hunter2@host:6379", "redis://:hunter2@host/x", "redis:/hunter2@"]) {
      const error = attempt(url);
      expect(error.message).toContain('"connection"');
      expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain("hunter2");
    }
    expect(() => createTrialQueue({ connection: "redis://h", queueName: "a:b" })).toThrow(
      /"queueName" is "a:b"; expected 1 to 100 of A-Z/,
    );
    expect(() =>
      startTrialWorker({
        connection: "redis://h",
        runner: async () => ({ value: 1, metrics: {} }),
        concurrency: 0,
      }),
    ).toThrow(/"concurrency" is 0/);
  });
});
