import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { randomSampler } from "../samplers/random-sampler.js";
import { defineSearchSpace } from "../space/search-space.js";
import { searchSpaceFromStrategy } from "../space/search-space-from-strategy.js";
import { optimize } from "../study/optimize.js";
import smaCross from "./__fixtures__/sma-cross.js";
import { createPoolTrialRunner } from "./pool-trial-runner.js";
import { createTrialJobRunner } from "./run-trial-job.js";
import type { TrialJob, TrialJobRunner } from "./trial-job.js";
import { type TrialJobTemplate, trialJobObjective } from "./trial-job-objective.js";

const data = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("./__fixtures__/sma-cross.ts", import.meta.url));
const symbols = ["BTCUSDT", "ETHUSDT"];
const startMs = Date.parse("2026-03-25T00:00:00Z");
const endMs = startMs + 5 * 86_400_000;
const space = defineSearchSpace(searchSpaceFromStrategy(smaCross as never));

const templateFor = (dir: string): TrialJobTemplate => ({
  studyId: "pool-test",
  strategyModule,
  symbols,
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs },
  objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -1000 },
  metrics: ["winRate", "maxDrawdown", "sharpeRatio"],
});

const study = (runner: TrialJobRunner, dir: string) =>
  optimize({
    space,
    sampler: randomSampler(),
    trials: 6,
    seed: 11,
    parallelism: 2,
    objective: trialJobObjective(runner, templateFor(dir)),
  });

/** The candle files of the test's symbols in a folder of their own, which the test may delete. */
async function candleCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "candlewick-pool-trials-"));
  for (const symbol of symbols)
    await copyFile(join(data, `${symbol}-1m.csv.gz`), join(dir, `${symbol}-1m.csv.gz`));
  return dir;
}

describe("createPoolTrialRunner on real candles", () => {
  it("gives a study byte-identical to the in-process one, with workers that read no file and copy no candles", async () => {
    const dir = await candleCopy();
    const runner = createPoolTrialRunner({ workers: 2 });
    try {
      const inProcess = await study(createTrialJobRunner(), dir);
      expect(inProcess.trials.filter((trial) => trial.metrics.tradeCount! > 0).length).toBeGreaterThan(3);
      // Loaded here, then the files go: a worker that opened a CSV file would fail its trial.
      const job: TrialJob = { ...templateFor(dir), trialNumber: 0, params: smaCross.defaults };
      const shares = await runner.load(job);
      await rm(dir, { recursive: true });
      // 1m and 15m (the strategy's interval) per symbol.
      expect(shares.map((share) => `${share.symbol} ${share.interval}`)).toEqual([
        "BTCUSDT 1m",
        "BTCUSDT 15m",
        "ETHUSDT 1m",
        "ETHUSDT 15m",
      ]);
      // The 1m share starts a day before the frame, as a backtest's first load does.
      expect(shares[0]!.from).toBe(startMs - 86_400_000);
      const pooled = await study(runner, dir);
      expect(JSON.stringify(pooled.trials)).toBe(JSON.stringify(inProcess.trials));
      expect(JSON.stringify(pooled.best)).toBe(JSON.stringify(inProcess.best));

      const bytes = runner.taskBytes();
      expect(bytes.tasks).toBe(6);
      const candleBytes = shares.reduce((sum, share) => sum + share.buffer.byteLength, 0);
      expect(candleBytes).toBeGreaterThan(48 * 2 * 6 * 1440); // at least 6 days of 1m candles for 2 symbols
      // Each task refers to all the shares and copies only the job: names, params, the frame.
      expect(bytes.sharedBytesReferenced).toBe(6 * candleBytes);
      expect(bytes.totalBytes / bytes.tasks).toBeLessThan(2_000);
    } finally {
      await runner.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("applies its engine config in the workers as createTrialJobRunner does in process", async () => {
    // Other fees change every trade's PnL, other waits the horizon: a config the workers ignored would show.
    const config = { percentFee: 0.25, scheduleAwaitMinutes: 30, maxSignalLifetimeMinutes: 2880 };
    const runner = createPoolTrialRunner({ workers: 1, config });
    try {
      const jobs = [3, 6, 9].map(
        (fast, trialNumber): TrialJob => ({
          ...templateFor(data),
          symbols: ["BTCUSDT"],
          trialNumber,
          params: { fast, slow: 40, stopLossPct: 1.5 },
        }),
      );
      const configured = createTrialJobRunner({ config });
      const plain = createTrialJobRunner();
      const expected = await Promise.all(jobs.map((job) => configured(job)));
      const unconfigured = await Promise.all(jobs.map((job) => plain(job)));
      expect(JSON.stringify(expected)).not.toBe(JSON.stringify(unconfigured));
      const pooled = await Promise.all(jobs.map((job) => runner(job)));
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(expected));
      // The 1m share ends at the configured horizon: the frame's end plus 30 + 2880 + 5 (VWAP) + 1 minutes.
      const [minutes] = await runner.load(jobs[0]!);
      expect(minutes!.to).toBe(endMs + (30 + 2880 + 5 + 1) * 60_000);
    } finally {
      await runner.close();
    }
  }, 120_000);

  it("with measureWorkerCpu, sums the workers' CPU inside the trials and returns the same results", async () => {
    const jobs = [4, 7, 10].map(
      (fast, trialNumber): TrialJob => ({
        ...templateFor(data),
        trialNumber,
        params: { fast, slow: 40, stopLossPct: 1.5 },
      }),
    );
    const expected = await Promise.all(jobs.map((job) => createTrialJobRunner()(job)));
    const unmeasured = createPoolTrialRunner({ workers: 1 });
    const runner = createPoolTrialRunner({ workers: 1, measureWorkerCpu: true });
    try {
      await unmeasured(jobs[0]!);
      expect(unmeasured.workerCpuMs()).toBeUndefined();
      await runner.load(jobs[0]!);
      const before = process.cpuUsage();
      const pooled = [];
      for (const job of jobs) pooled.push(await runner(job));
      const processCpu = process.cpuUsage(before);
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(expected));
      const workerCpu = runner.workerCpuMs();
      // The worker's first trial imports the strategy and backtests 2 symbols × 5 days: well over one 10 ms tick.
      expect(workerCpu).toBeGreaterThan(0);
      // The process's CPU (every thread) bounds it, give or take a 10 ms tick per reading.
      expect(workerCpu!).toBeLessThanOrEqual(
        (processCpu.user + processCpu.system) / 1000 + 10 * 2 * jobs.length,
      );
    } finally {
      await unmeasured.close();
      await runner.close();
    }
  }, 120_000);

  it("refuses bad options, naming them, and runs nothing once closed", async () => {
    expect(() => createPoolTrialRunner({ workers: 0 })).toThrow(/workers/);
    expect(() => createPoolTrialRunner({ workers: 2, extra: 1 } as never)).toThrow(/extra/);
    expect(() => createPoolTrialRunner({ workers: 1, measureWorkerCpu: "yes" } as never)).toThrow(
      /measureWorkerCpu/,
    );
    const runner = createPoolTrialRunner({ workers: 1 });
    await runner.close();
    const job: TrialJob = { ...templateFor(data), trialNumber: 0, params: smaCross.defaults };
    await expect(runner(job)).rejects.toThrow(/closed/);
  });
});
