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
import { redisUsage } from "./redis-info.js";

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
console.log(
  "\n| trivial jobs | workers × concurrency | jobs in flight | jobs/s | Redis CPU per 1,000 jobs | Redis commands per job |\n|---|---|---:|---:|---:|---:|",
);
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
      const before = await redisUsage(redis.port);
      const wall = await drive(runner, jobs.slice(200), 256);
      const after = await redisUsage(redis.port);
      return { wall, cpu: after.cpuSeconds - before.cpuSeconds, commands: after.commands - before.commands };
    },
  );
  const measured = TRIVIAL_JOBS - 200;
  console.log(
    `| ${measured} | ${workers} × ${concurrency} | 256 | ${(measured / seconds.wall).toFixed(0)} | ${((1000 * seconds.cpu) / measured).toFixed(3)} s | ${(seconds.commands / measured).toFixed(1)} |`,
  );
}

// The machine is shared, so its load drifts: the three setups take turns, ROUNDS times, and the median counts.
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const backtests = (study: string) => Array.from({ length: BACKTEST_JOBS }, (_, n) => backtestJob(study, n));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const setups: { name: string; workers: number; run: (study: string) => Promise<number> }[] = [
  {
    name: "in this process, one after another",
    workers: 1,
    run: (study) => drive(runBacktestTrial, backtests(study), 1),
  },
];
const pools: { close(): Promise<void> }[] = [];
for (const workers of [1, 2]) {
  const queueName = `bench-backtest-${workers}`;
  const processes = Array.from({ length: workers }, () =>
    startWorkerProcess(["--redis", redis.url, "--queue", queueName, "--runner", BACKTEST_RUNNER_MODULE], {}),
  );
  await Promise.all(processes.map((worker) => worker.ready));
  const queue = createTrialQueue({ connection: redis.url, queueName });
  pools.push({
    async close() {
      await queue.close();
      for (const worker of processes) worker.child.kill("SIGTERM");
      await Promise.all(processes.map((worker) => worker.exited));
    },
  });
  setups.push({
    name: `${workers} worker process${workers === 1 ? "" : "es"} × 1`,
    workers,
    run: (study) => drive(queue.runner, backtests(study), 2 * workers),
  });
}
const rates = setups.map(() => [] as number[]);
for (let round = -1; round < ROUNDS; round++) {
  for (const [index, setup] of setups.entries()) {
    const seconds = await setup.run(`round-${round}-${index}`);
    // Round -1 warms up: module loading and the first candle reads are not part of a trial's cost.
    if (round >= 0) rates[index]!.push(BACKTEST_JOBS / seconds);
  }
}
for (const pool of pools) await pool.close();
console.log(
  `\n| ${BACKTEST_DAYS}-day SMA-cross backtest, ${BACKTEST_JOBS} trials × ${ROUNDS} rounds | trials/s (median) | per worker | per-round trials/s |\n|---|---:|---:|---|`,
);
for (const [index, setup] of setups.entries()) {
  const rate = median(rates[index]!);
  console.log(
    `| ${setup.name} | ${rate.toFixed(2)} | ${(rate / setup.workers).toFixed(2)} | ${rates[index]!.map((x) => x.toFixed(2)).join(", ")} |`,
  );
}
console.log(
  `\nload average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
await redis.dispose();
