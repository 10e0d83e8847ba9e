import { createTrialJobRunner } from "@candlewick/research";
import type { CliIo } from "../cli-io.js";
import { loadModule, loadModuleUrl } from "../load-module.js";
import { queueOptionUsageError } from "../queue-option-usage-error.js";
import { EXIT, UsageError } from "../usage-error.js";

/** Options of `candlewick worker`. */
export interface WorkerCommandOptions {
  redis: string;
  queue?: string;
  concurrency?: string;
  runner?: string;
  lockDuration?: string;
  stalledInterval?: string;
}

/** What `--runner` runs: research's `TrialJobRunner` contract. */
type Runner = Parameters<typeof import("@candlewick/queue-bullmq").startTrialWorker>[0]["runner"];

/**
 * `candlewick worker --redis <url>`: consumes trial jobs from the BullMQ queue with a runner in this process
 * (default research's backtest of the job; `--runner` another),
 * until SIGINT or SIGTERM (the first waits for the trials in progress, a second stops at once; their trials run
 * again on another worker once their lock expires). Start one per machine, with `--concurrency` up to its cores.
 */
export async function workerCommand(options: WorkerCommandOptions, io: CliIo): Promise<number> {
  const concurrency = wholeNumber("--concurrency", options.concurrency);
  const lockDurationMs = wholeNumber("--lock-duration", options.lockDuration);
  const stalledIntervalMs = wholeNumber("--stalled-interval", options.stalledInterval);
  const runner = await loadRunner(options.runner);
  // Loaded here rather than at the top: the other commands do not pay for BullMQ and ioredis.
  const { redactRedisUrl, startTrialWorker } = await import("@candlewick/queue-bullmq");
  const where = `queue "${options.queue ?? "candlewick-trials"}" on ${redactRedisUrl(options.redis)}`;
  let worker: ReturnType<typeof startTrialWorker>;
  try {
    worker = startTrialWorker({
      connection: options.redis,
      runner,
      ...(options.queue === undefined ? {} : { queueName: options.queue }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(lockDurationMs === undefined ? {} : { lockDurationMs }),
      ...(stalledIntervalMs === undefined ? {} : { stalledIntervalMs }),
      onError: (error) => io.stderr.write(`worker: ${error.message} (retrying)\n`),
    });
  } catch (error) {
    throw queueOptionUsageError(error);
  }
  let interrupts = 0;
  let stopped: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  const onInterrupt = () => {
    interrupts++;
    io.stderr.write(
      interrupts === 1
        ? "worker: stopping after the trials in progress (Ctrl-C again: stop now)\n"
        : "worker: stopping now; the trials in progress run again on another worker\n",
    );
    stopped();
    if (interrupts === 2) void worker.close({ force: true });
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    io.stderr.write(`worker: connecting to ${where}\n`);
    await Promise.race([worker.ready(), stop]);
    if (interrupts === 0) {
      io.stderr.write(
        `worker: ready, ${concurrency ?? 1} at a time, runner ${options.runner ?? "research's runTrialJob (backtests here)"}; Ctrl-C to stop\n`,
      );
    }
    await stop;
    await worker.close({ force: interrupts >= 2 });
    return interrupts >= 2 ? EXIT.interrupted : EXIT.ok;
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
  }
}

/**
 * The runner: research's in-process trial runner (it imports each job's strategy module, TypeScript included, and
 * backtests on the job's CSV folder, which must exist at the same path on this machine), or a module given with
 * `--runner` that exports a `TrialJobRunner` as its default export or as `runner`: the extension point for
 * runners of one's own (other data sources, extra logging).
 */
async function loadRunner(file: string | undefined): Promise<Runner> {
  if (file === undefined) return createTrialJobRunner({ importModule: loadModuleUrl });
  const module = await loadModule(file);
  const runner = typeof module.default === "function" ? module.default : module.runner;
  if (typeof runner !== "function") {
    throw new UsageError(
      `${file} exports no TrialJobRunner`,
      "export default async (job) => ({ value, metrics }), or export it as `runner`",
    );
  }
  return runner as Runner;
}

function wholeNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new UsageError(
      `${option} is ${JSON.stringify(value)}`,
      `pass a whole number >= 1, e.g. ${option} 2`,
    );
  }
  return Number(value);
}
