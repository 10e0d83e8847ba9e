import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import {
  createPoolTrialRunner,
  createTrialJobRunner,
  defineSearchSpace,
  gridSampler,
  integerRange,
  numberRange,
  optimize,
  randomSampler,
  type Sampler,
  searchSpaceFromStrategy,
  type TrialJob,
  type TrialJobTemplate,
  tpeSampler,
  trialJobObjective,
} from "@candlewick/research";
import smaCross from "./optimize/sma-cross-definition.js";

/**
 * `pnpm bench:optimize`: TPE studies of an SMA-cross strategy over 90 days of real BTCUSDT 1m candles (129,600
 * ticks per trial), in this process. Reports wall and CPU time, the time inside the backtests, and so the
 * per-trial overhead (everything else: engine set-up and disposal, the sampler, the study loop), plus what
 * two worker threads would give. Then TPE against random search on a grid version of the space: trials until
 * each reaches the grid's best value, median over seeds. TRIALS (default 1000) and SEEDS (default 15) override.
 */
const TRIALS = Number(process.env.TRIALS ?? 1000);
const SEEDS = Number(process.env.SEEDS ?? 15);
const dir = fileURLToPath(new URL("../../data/candles/", import.meta.url));
const strategyModule = fileURLToPath(new URL("./optimize/sma-cross-definition.ts", import.meta.url));
const startMs = Date.parse("2025-05-20T00:00:00Z");
const template: TrialJobTemplate = {
  studyId: "bench",
  strategyModule,
  symbols: ["BTCUSDT"],
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs: startMs + 90 * 86_400_000 },
  objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -1000 },
  metrics: [],
};
const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const usage = process.cpuUsage(since);
  return (usage.user + usage.system) / 1000;
};

/** A sampler that times its own proposals (CPU time: the machine is shared, wall time is not ours alone). */
function timed(inner: Sampler, clock: { ms: number }): Sampler {
  return {
    ...inner,
    sample(request) {
      const before = process.cpuUsage();
      const params = inner.sample(request);
      clock.ms += cpuMs(before);
      return params;
    },
  };
}

console.log(
  `Candlewick optimisation benchmark — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores), load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `SMA cross (15m, sdk indicators) on BTCUSDT 1m, 90 days from 2025-05-20 (129,600 ticks per trial); objective totalPnl; TPE, seed 1.\n`,
);

const runner = createTrialJobRunner();
// Warm-up: the module import and the CSV parse happen once per process and are reported apart.
const warmBegan = performance.now();
await runner({ ...template, trialNumber: -1, params: smaCross.defaults });
const warmMs = performance.now() - warmBegan;

const space = searchSpaceFromStrategy(smaCross);
console.log(
  "| run | trials | wall | CPU | CPU per trial | CPU in backtests, per trial | overhead per trial (CPU) | of which sampler | of which engine set-up + dispose |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const parallelism of [1, 2]) {
  const trials = parallelism === 1 ? TRIALS : Math.min(TRIALS, 200);
  const clock = { ms: 0 };
  let backtestCpu = 0;
  let trialCpu = 0;
  const measured = async (job: TrialJob) => {
    const before = process.cpuUsage();
    const run = await runner.withData(job);
    trialCpu += cpuMs(before);
    backtestCpu += run.backtestCpuMs;
    return { value: run.value, metrics: run.metrics };
  };
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const study = await optimize({
    space,
    sampler: timed(tpeSampler(), clock),
    trials,
    seed: 1,
    parallelism,
    objective: trialJobObjective(measured, template),
  });
  const wall = performance.now() - began;
  const cpu = cpuMs(cpuBefore);
  const n = study.ranTrials;
  // With two trials interleaved on one thread, CPU spans overlap: only the totals mean something.
  const split = parallelism === 1;
  const cells = split
    ? [
        `${fmt(backtestCpu / n, 1)} ms`,
        `${fmt((cpu - backtestCpu) / n, 2)} ms`,
        `${fmt(clock.ms / n, 2)} ms`,
        `${fmt((trialCpu - backtestCpu) / n, 2)} ms`,
      ]
    : ["(interleaved)", "", `${fmt(clock.ms / n, 2)} ms`, ""];
  console.log(
    `| in process, parallelism ${parallelism} | ${n} | ${fmt(wall / 1000, 1)} s | ${fmt(cpu / 1000, 1)} s | ${fmt(cpu / n, 1)} ms | ${cells.join(" | ")} |`,
  );
  if (split) {
    // Two workers split the trials; the sampler and the study loop stay on the main thread.
    const projected = (trialCpu / 2 + (cpu - trialCpu)) / 1000;
    console.log(
      `| projected: 2 idle cores, trials split over 2 workers, sampler on the main thread | ${n} | ${fmt(projected, 1)} s | | | | | | |`,
    );
    console.log(
      `\nBest trial: ${JSON.stringify(study.best?.params)} totalPnl ${fmt(study.best?.value ?? Number.NaN, 2)}%. ` +
        `First trial of the process (module import + CSV parse + backtest): ${fmt(warmMs)} ms wall.\n`,
    );
  }
}

// The same study on the product's pool runner (what `--workers 2` and walkForward({ workers: 2 }) use): two
// worker threads backtest from the candles this thread loaded once into shared memory; the sampler and the study
// stay on this thread. The workers time their own threads' CPU over each trial (measureWorkerCpu).
{
  const pool = createPoolTrialRunner({ workers: 2, measureWorkerCpu: true });
  try {
    // Start-up (threads, tsx, the core and research from source, the strategy module, the shares) is timed apart.
    const startBegan = performance.now();
    await Promise.all(
      [0, 1].map((n) => pool({ ...template, trialNumber: -2 - n, params: smaCross.defaults })),
    );
    const startMs = performance.now() - startBegan;
    const workerCpuBefore = pool.workerCpuMs() ?? Number.NaN;
    const clock = { ms: 0 };
    const loadBefore = loadavg()[0]!;
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    const study = await optimize({
      space,
      sampler: timed(tpeSampler(), clock),
      trials: TRIALS,
      seed: 1,
      parallelism: 2,
      objective: trialJobObjective(pool, template),
    });
    const wall = performance.now() - began;
    const cpu = cpuMs(cpuBefore);
    const inTrialCpu = (pool.workerCpuMs() ?? Number.NaN) - workerCpuBefore;
    const bytes = pool.taskBytes();
    const n = study.ranTrials;
    console.log(
      `| 2 pool workers (createPoolTrialRunner, shared candles), parallelism 2 | ${n} | ${fmt(wall / 1000, 1)} s | ${fmt(cpu / 1000, 1)} s | ${fmt(cpu / n, 1)} ms | ${fmt(inTrialCpu / n, 1)} ms (worker thread, whole trial) | ${fmt((cpu - inTrialCpu) / n, 2)} ms | ${fmt(clock.ms / n, 2)} ms | |`,
    );
    console.log(
      `\nPool: ${fmt(startMs)} ms to start both workers (first trial each); ${fmt(bytes.totalBytes / Math.max(1, bytes.tasks))} bytes copied per task, the candles shared. ` +
        `Best ${JSON.stringify(study.best?.params)} totalPnl ${fmt(study.best?.value ?? Number.NaN, 2)}%. Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after. ` +
        `Overhead = all threads' CPU minus the workers' CPU inside the trials (sampler, study loop, posting tasks and results, GC helpers).\n`,
    );
  } finally {
    await pool.close();
  }
}

// TPE against random search on a grid version of the space. The grid is backtested once; the samplers then
// look its values up (the same numbers a backtest would give), so many seeds cost nothing.
const gridSpace = defineSearchSpace({
  fast: integerRange(5, 30, { step: 5 }),
  slow: integerRange(20, 120, { step: 10 }),
  stopLossPct: numberRange(1, 2, { step: 1 }),
});
const values = new Map<string, number>();
const key = (params: Record<string, unknown>) =>
  JSON.stringify([params.fast, params.slow, params.stopLossPct]);
const gridBegan = performance.now();
const gridCpuBefore = process.cpuUsage();
const grid = await optimize({
  space: gridSpace,
  sampler: gridSampler(),
  trials: 1_000_000,
  seed: 0,
  objective: async (params, trial) => {
    const { value } = await runner({ ...template, trialNumber: trial.number, params });
    values.set(key(params), value);
    return value;
  },
});
// Timed here: the TPE-against-random studies below are not the grid's.
const gridWallMs = performance.now() - gridBegan;
const gridCpuMs = cpuMs(gridCpuBefore);
const gridBest = grid.best!.value;
const cap = 10 * grid.trials.length;
const trialsToBest = async (sampler: () => Sampler, seed: number) => {
  let reached = cap;
  await optimize({
    space: gridSpace,
    sampler: sampler(),
    trials: cap,
    seed,
    objective: (params, { number }) => {
      const value = values.get(key(params))!;
      if (value >= gridBest && reached === cap) reached = number + 1;
      return value;
    },
  });
  return reached;
};
const seeds = Array.from({ length: SEEDS }, (_, index) => index + 1);
const seedsCpuBefore = process.cpuUsage();
const tpe: number[] = [];
const random: number[] = [];
for (const seed of seeds) {
  tpe.push(await trialsToBest(() => tpeSampler(), seed));
  random.push(await trialsToBest(() => randomSampler(), seed));
}
const seedsCpuMs = cpuMs(seedsCpuBefore);
const tpeWins = seeds.filter((_, index) => tpe[index]! < random[index]!).length;
console.log(
  `Grid: fast 5..30 by 5, slow 20..120 by 10, stop 1 or 2%: ${grid.trials.length} backtests in ${fmt(gridWallMs / 1000, 1)} s (CPU ${fmt(gridCpuMs / 1000, 1)} s, ${fmt(gridCpuMs / grid.trials.length, 1)} ms a backtest); ` +
    `best ${JSON.stringify(grid.best!.params)} totalPnl ${fmt(gridBest, 2)}%.\n`,
);
console.log("| sampler | trials to the grid's best, median | seeds | each seed (capped at 10 × grid) |");
console.log("|---|---:|---:|---|");
console.log(`| TPE | ${median(tpe)} | ${SEEDS} | ${tpe.join(", ")} |`);
console.log(`| random | ${median(random)} | ${SEEDS} | ${random.join(", ")} |`);
console.log(
  `\nTPE needed fewer trials than random on ${tpeWins} of ${SEEDS} seeds (these ${SEEDS * 2} studies on looked-up values: ${fmt(seedsCpuMs / 1000, 1)} s CPU). Load average at the end: ${loadavg()[0]!.toFixed(1)}.`,
);
