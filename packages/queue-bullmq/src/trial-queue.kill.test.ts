import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { optimize, searchSpaceFromStrategy, type TrialJobRunner, tpeSampler } from "@candlewick/research";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import {
  type RedisServer,
  startRedisServer,
} from "../../persist-redis/src/test-support/start-redis-server.js";
import { createTrialQueue } from "./create-trial-queue.js";
import { smaCross } from "./test-support/__fixtures__/sma-cross.js";
import { runBacktestTrial } from "./test-support/backtest-trial-runner.js";
import { BACKTEST_RUNNER_MODULE, smaCrossJob } from "./test-support/trial-jobs.js";
import { startWorkerProcess, type WorkerProcess } from "./test-support/worker-process.js";

const TRIALS = 40;
const SEED = 11;
const STUDY = "kill-study";
/** Kills the first execution of every even trial, and the second one too of every eighth: 20 + 5 kills. */
const killsFor = (trial: number): number => (trial % 8 === 0 ? 2 : trial % 2 === 0 ? 1 : 0);
const PLANNED_KILLS = Array.from({ length: TRIALS }, (_, trial) => killsFor(trial)).reduce((a, b) => a + b);

interface LogLine {
  readonly kind: "start" | "finish";
  readonly trial: number;
  readonly pid: number;
  readonly value?: number;
}

function readLog(path: string): LogLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  // Only whole lines: a line being appended right now is read on the next pass.
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const [kind, study, trial, pid, value] = line.split(" ");
      if (study !== STUDY) throw new Error(`unexpected log line ${line}`);
      return {
        kind: kind as "start" | "finish",
        trial: Number(trial),
        pid: Number(pid),
        ...(value === undefined ? {} : { value: Number(value) }),
      };
    });
}

/** The study of this test: TPE on the SMA cross, a real 2-day backtest per trial, through `runner`. */
function study(runner: TrialJobRunner) {
  return optimize({
    space: searchSpaceFromStrategy(smaCross),
    sampler: tpeSampler(),
    trials: TRIALS,
    seed: SEED,
    objective: async (params, { number }) => runner(smaCrossJob(STUDY, number, params)),
  });
}

describe.skipIf(redisServerMissing)("a study on 3 worker processes, workers SIGKILLed mid-trial", () => {
  let redis: RedisServer;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    dir = mkdtempSync(join(tmpdir(), "candlewick-queue-kill-"));
  });
  afterAll(async () => {
    await redis?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it(`loses and duplicates no trial over ${PLANNED_KILLS} kills, and equals a local run`, async () => {
    const log = join(dir, "executions.log");
    const args = [
      ...["--redis", redis.url, "--queue", "kill", "--runner", BACKTEST_RUNNER_MODULE],
      // A short lock, so that a killed worker's trial is back in the queue within about 6 s; still long enough
      // for a 100 ms trial on a machine loaded 20-fold (a 2 s lock was not: a trial outlived it and ran twice).
      ...["--lock-duration", "5000", "--stalled-interval", "500"],
    ];
    const workers = new Set<WorkerProcess>();
    const start = () => {
      const worker = startWorkerProcess(args, { CANDLEWICK_TRIAL_LOG: log });
      workers.add(worker);
      return worker;
    };
    await Promise.all([start(), start(), start()].map((worker) => worker.ready));

    // Watches the log: a start line of an execution to kill gets its worker SIGKILLed 0..40 ms later (a trial
    // takes 80 ms or more), if it has not finished by then, and a replacement started.
    const killed: { trial: number; pid: number }[] = [];
    let seen = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const lines = readLog(log);
        for (const line of lines.slice(seen)) {
          const startsSoFar = lines
            .slice(0, seen + 1)
            .filter((other) => other.kind === "start" && other.trial === line.trial).length;
          seen += 1;
          if (line.kind !== "start" || startsSoFar > killsFor(line.trial)) continue;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
          const finished = readLog(log).some(
            (other) => other.kind === "finish" && other.trial === line.trial && other.pid === line.pid,
          );
          const worker = [...workers].find((candidate) => candidate.pid === line.pid);
          if (finished || worker === undefined) continue;
          worker.child.kill("SIGKILL");
          workers.delete(worker);
          await worker.exited;
          killed.push({ trial: line.trial, pid: line.pid });
          start();
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const queue = createTrialQueue({ connection: redis.url, queueName: "kill" });
    const began = performance.now();
    let distributed: Awaited<ReturnType<typeof study>>;
    let stopped: (number | NodeJS.Signals)[] = [];
    try {
      distributed = await study(queue.runner);
    } finally {
      watching = false;
      await watcher;
      await queue.close();
      const alive = [...workers];
      for (const worker of alive) worker.child.kill("SIGTERM");
      stopped = await Promise.all(alive.map((worker) => worker.exited));
    }

    const wallSeconds = (performance.now() - began) / 1000;
    const lines = readLog(log);
    console.log(
      `queue kill test: ${TRIALS} trials, ${killed.length} workers SIGKILLed mid-trial, ${lines.filter((line) => line.kind === "start").length} executions started, ${lines.filter((line) => line.kind === "finish").length} finished, ${wallSeconds.toFixed(1)} s`,
    );
    expect(killed.length).toBe(PLANNED_KILLS);
    for (let trial = 0; trial < TRIALS; trial++) {
      const starts = lines.filter((line) => line.kind === "start" && line.trial === trial);
      const finishes = lines.filter((line) => line.kind === "finish" && line.trial === trial);
      // Each kill cost one started execution; exactly one execution ran to its end, in a worker not killed then.
      expect({ trial, starts: starts.length }).toEqual({ trial, starts: killsFor(trial) + 1 });
      expect({ trial, finishes: finishes.length }).toEqual({ trial, finishes: 1 });
      const finisher = finishes[0]!.pid;
      const killedThen = killed.some((kill) => kill.trial === trial && kill.pid === finisher);
      expect({ trial, finishedByAKilledExecution: killedThen }).toEqual({
        trial,
        finishedByAKilledExecution: false,
      });
    }
    expect(distributed.trials.map((record) => record.number)).toEqual([...Array(TRIALS).keys()]);

    // The same study run in this process, without a queue: the same records, field for field.
    const local = await study(runBacktestTrial);
    expect(distributed.trials).toEqual(local.trials);
    expect(distributed.best).toEqual(local.best);
    // The values the workers logged are the study's (the log prints them with JS's shortest round-trip digits).
    for (const record of distributed.trials) {
      const finish = lines.find((line) => line.kind === "finish" && line.trial === record.number)!;
      expect(finish.value).toBe(record.value);
    }
    // The workers not killed stopped on SIGTERM with exit code 0 (a graceful close).
    expect(stopped).toEqual([0, 0, 0]);
  }, 600_000);
});
