// How many trials per second the BullMQ queue moves on loopback: trivial jobs (the queue's ceiling) with 1 and 3
// worker processes, and a real 7-day SMA-cross backtest through 1 and 2 workers against the same runner called
// in this process. Run: pnpm --filter @candlewick/queue-bullmq bench:queue (needs redis-server).
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { TrialJob, TrialJobRunner } from "@candlewick/research";
import { startRedisServer } from "../../persist-redis/src/test-support/start-redis-server.js";
import { createTrialQueue } from "../src/create-trial-queue.js";
import { runBacktestTrial } from "../src/test-support/backtest-trial-runner.js";
import { BACKTEST_RUNNER_MODULE, smaCrossJob } from "../src/test-support/trial-jobs.js";
import { startWorkerProcess, type WorkerProcess } from "../src/test-support/worker-process.js";

const TRIVIAL_RUNNER = fileURLToPath(new URL("./trivial-runner.ts", import.meta.url));
const TRIVIAL_JOBS = Number(process.env.TRIVIAL_JOBS ?? 4000);
const BACKTEST_JOBS = Number(process.env.BACKTEST_JOBS ?? 24);
const BACKTEST_DAYS = 7;

const redis = await startRedisServer();
let queueNumber = 0;

/** Runs `jobs` through `runner` with at most `inFlight` waiting at once; resolves with the wall seconds. */
async function drive(runner: TrialJobRunner, jobs: readonly TrialJob[], inFlight: number): Promise<number> {
  const began = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await runner(jobs[next++]!);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return (performance.now() - began) / 1000;
}

/** Starts `count` worker processes on a fresh queue, runs `body` with its runner, stops them. */
async function withWorkers<T>(
  count: number,
  args: readonly string[],
  body: (runner: TrialJobRunner) => Promise<T>,
): Promise<T> {
  const queueName = `bench-${++queueNumber}`;
  const workers: WorkerProcess[] = Array.from({ length: count }, () =>
    startWorkerProcess(["--redis", redis.url, "--queue", queueName, ...args], {}),
  );
  await Promise.all(workers.map((worker) => worker.ready));
  const queue = createTrialQueue({ connection: redis.url, queueName });
  try {
    return await body(queue.runner);
  } finally {
    await queue.close();
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
  }
}

const trivialJob = (study: string, n: number): TrialJob => ({ ...smaCrossJob(study, n, {}), params: { n } });
const params = (n: number) => ({ fast: 3 + (n % 20), slow: 40 + 5 * (n % 8), stopLossPct: 1 + (n % 5) / 10 });
const backtestJob = (study: string, n: number) => smaCrossJob(study, n, params(n), BACKTEST_DAYS);

console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} (2 cores, shared)`,
);
console.log("\n| trivial jobs | workers × concurrency | jobs in flight | jobs/s |\n|---|---|---:|---:|");
for (const [workers, concurrency] of [
  [1, 1],
  [1, 16],
  [3, 16],
] as const) {
  const jobs = Array.from({ length: TRIVIAL_JOBS }, (_, n) =>
    trivialJob(`trivial-${workers}-${concurrency}`, n),
  );
  const seconds = await withWorkers(
    workers,
    ["--runner", TRIVIAL_RUNNER, "--concurrency", String(concurrency)],
    async (runner) => {
      await drive(runner, jobs.slice(0, 200), 64);
      return drive(runner, jobs.slice(200), 256);
    },
  );
  console.log(
    `| ${TRIVIAL_JOBS - 200} | ${workers} × ${concurrency} | 256 | ${((TRIVIAL_JOBS - 200) / seconds).toFixed(0)} |`,
  );
}

const backtests = Array.from({ length: BACKTEST_JOBS }, (_, n) => backtestJob("backtest", n));
const warmUp = (study: string) => Array.from({ length: 2 }, (_, n) => backtestJob(study, n));
await drive(runBacktestTrial, warmUp("warm-local"), 1);
const localSeconds = await drive(runBacktestTrial, backtests, 1);
const localRate = BACKTEST_JOBS / localSeconds;
console.log(
  `\n| ${BACKTEST_DAYS}-day SMA-cross backtest | trials/s | per worker | ms per trial |\n|---|---:|---:|---:|`,
);
console.log(
  `| in this process, one after another | ${localRate.toFixed(2)} | ${localRate.toFixed(2)} | ${((1000 * localSeconds) / BACKTEST_JOBS).toFixed(0)} |`,
);
for (const workers of [1, 2]) {
  const seconds = await withWorkers(workers, ["--runner", BACKTEST_RUNNER_MODULE], async (runner) => {
    await drive(runner, warmUp(`warm-${workers}`), workers);
    return drive(runner, backtests, 2 * workers);
  });
  const rate = BACKTEST_JOBS / seconds;
  console.log(
    `| ${workers} worker process${workers === 1 ? "" : "es"} × 1 | ${rate.toFixed(2)} | ${(rate / workers).toFixed(2)} | ${((1000 * seconds * workers) / BACKTEST_JOBS).toFixed(0)} |`,
  );
}
console.log(
  `\nload average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
await redis.dispose();
