/**
 * Entry of a pool worker thread (tinypool imports it and calls its default export once per task). Two kinds of
 * task:
 * - `walker`: backtest one strategy of a walker. The first task naming a setup module imports it (its
 *   `setup(engine)` export on a fresh engine, or the registrations its import makes on the thread's default
 *   engine) and the engine is kept for every later task of that module: a warm worker starts nothing again. The
 *   run's 1m candles come from the shared buffers of the task (nothing copied); its engine events are posted in
 *   batches, in order, on the task's port, then the result.
 * - `runner`: run one job with the function a runner module exports, passing it the shared candles.
 */
import { type MessagePort, threadId } from "node:worker_threads";
import { runBacktestWith } from "../backtest/backtest.js";
import type { SymbolTrades } from "../backtest/trade-journal.js";
import { createEngine, engineStateOf } from "../engine/create-engine.js";
import { defaultEngineState } from "../engine/default-engine.js";
import type { EngineState } from "../engine/engine-state.js";
import { serializeError } from "../walker/serialized-error.js";
import { walkerWorkerFlag } from "../walker/walker-worker-flag.js";
import type { ForwardedEvent } from "../walker/walker-worker-protocol.js";
import type {
  PoolTask,
  RunnerPoolTask,
  RunnerTaskReply,
  WalkerPoolTask,
  WalkerTaskMessage,
} from "./pool-protocol.js";
import type { PoolRunner } from "./pool-runner.js";
import { adoptSharedCandles } from "./shared-candles.js";

/** Events are posted once this many are waiting (and before every result). */
const BATCH = 256;

/** A setup module's engine in this thread, with the port its events currently go to. */
interface WalkerEngine {
  readonly engine: EngineState;
  /** Forwarding state: set for the task running now (a worker runs one task at a time). */
  port: MessagePort | null;
  pending: ForwardedEvent[];
  forwardSignals: boolean;
  forwardProgress: boolean;
}

const engines = new Map<string, Promise<WalkerEngine | { readonly failed: unknown }>>();
const runners = new Map<string, Promise<PoolRunner<unknown, unknown>>>();

export default async function handle(task: PoolTask): Promise<RunnerTaskReply | null> {
  if (task.kind === "runner") return runJob(task);
  await runWalkerTask(task);
  return null;
}

function flush(state: WalkerEngine): void {
  if (state.pending.length === 0 || state.port === null) return;
  const message: WalkerTaskMessage = { type: "events", threadId, events: state.pending };
  state.port.postMessage(message);
  state.pending = [];
}

function forward(state: WalkerEngine, event: ForwardedEvent): void {
  if (state.port === null) return;
  state.pending.push(event);
  if (state.pending.length >= BATCH) flush(state);
}

async function loadEngine(setupModule: string): Promise<WalkerEngine> {
  walkerWorkerFlag.active = true;
  const setup = (await import(setupModule)) as { setup?: unknown };
  let engine: EngineState;
  if (typeof setup.setup === "function") {
    const own = createEngine({ name: `pool-worker:${setupModule}` });
    await setup.setup(own);
    engine = engineStateOf(own);
  } else {
    engine = defaultEngineState;
  }
  const state: WalkerEngine = {
    engine,
    port: null,
    pending: [],
    forwardSignals: false,
    forwardProgress: false,
  };
  const eventBus = engine.events;
  eventBus.signal.subscribe((event) => {
    if (state.forwardSignals) forward(state, { stream: "signal", event });
  });
  eventBus.progress.subscribe((event) => {
    if (!state.forwardProgress) return;
    forward(state, { stream: "progress", event });
    flush(state);
  });
  eventBus.doneBacktest.subscribe(({ error, ...event }) =>
    forward(
      state,
      error === undefined
        ? { stream: "done", event }
        : { stream: "done", event, error: serializeError(error) },
    ),
  );
  eventBus.error.subscribe((error) => forward(state, { stream: "error", error: serializeError(error) }));
  // No standing subscription to performance: an observed stream makes every backtest time each tick (see
  // `measuresPerformance`); a task that wants the timings subscribes for its own run.
  return state;
}

/** The setup module's engine, imported once per thread; a failed import is remembered (and reported per task). */
function engineFor(setupModule: string): Promise<WalkerEngine | { readonly failed: unknown }> {
  let loading = engines.get(setupModule);
  if (loading === undefined) {
    loading = loadEngine(setupModule).catch((error: unknown) => ({ failed: error }));
    engines.set(setupModule, loading);
  }
  return loading;
}

async function runWalkerTask(task: WalkerPoolTask): Promise<void> {
  const { port } = task;
  const post = (message: WalkerTaskMessage): void => port.postMessage(message);
  try {
    const loaded = await engineFor(task.setupModule);
    if ("failed" in loaded) {
      post({ type: "setup-failed", error: serializeError(loaded.failed) });
      return;
    }
    const { engine } = loaded;
    const missing = [
      ...(engine.exchanges.has(task.exchangeName) ? [] : [`exchange "${task.exchangeName}"`]),
      ...(engine.frames.has(task.frameName) ? [] : [`frame "${task.frameName}"`]),
      ...task.strategies.filter((name) => !engine.strategies.has(name)).map((name) => `strategy "${name}"`),
    ];
    if (missing.length > 0) {
      post({
        type: "setup-failed",
        error: {
          name: "CandlewickError",
          code: "WALKER_SETUP_INCOMPLETE",
          message: `the setup module ${task.setupModule} did not register ${missing.join(", ")} in the worker thread; it must register the walker's exchange, frame and every strategy it compares`,
        },
      });
      return;
    }
    adoptSharedCandles(engine, task.candles);
    loaded.port = port;
    loaded.pending = [];
    loaded.forwardSignals = task.forwardSignals;
    loaded.forwardProgress = task.forwardProgress;
    const timings = task.forwardPerformance
      ? engine.events.performance.subscribe((event) => forward(loaded, { stream: "performance", event }))
      : undefined;
    try {
      await backtest(engine, task, loaded);
    } finally {
      timings?.unsubscribe();
      loaded.port = null;
    }
  } finally {
    port.close();
  }
}

async function backtest(engine: EngineState, task: WalkerPoolTask, state: WalkerEngine): Promise<void> {
  const post = (message: WalkerTaskMessage): void => task.port.postMessage(message);
  const began = performance.now();
  try {
    let recorded: SymbolTrades | undefined;
    const run = runBacktestWith(
      engine,
      "Backtest.run",
      task.symbol,
      {
        strategyName: task.strategyName,
        exchangeName: task.exchangeName,
        frameName: task.frameName,
        config: task.config,
      },
      {
        start: (_strategy, _symbol, periodStart, periodEnd, costs) => {
          recorded = { trades: [], periodStart, periodEnd, costs };
          return recorded;
        },
      },
    );
    for await (const _ of run) {
      // The trades are in `recorded` once the run is over.
    }
    if (recorded === undefined) throw new Error("the backtest ended without starting its record");
    flush(state);
    post({
      type: "result",
      outcome: {
        index: task.index,
        strategyName: task.strategyName,
        trades: recorded.trades,
        periodStart: recorded.periodStart,
        periodEnd: recorded.periodEnd,
      },
      schedule: engine.schedule.read(task.strategyName, "backtest", task.symbol).get(task.symbol),
      backtestMs: performance.now() - began,
    });
  } catch (error) {
    flush(state);
    post({
      type: "failed",
      index: task.index,
      strategyName: task.strategyName,
      error: serializeError(error),
    });
  }
}

/** The runner a module exports, imported once per thread. */
function runnerFor(module: string, exportName: string): Promise<PoolRunner<unknown, unknown>> {
  const key = `${module}#${exportName}`;
  let loading = runners.get(key);
  if (loading === undefined) {
    loading = import(module).then((exports: Record<string, unknown>) => {
      const runner = exports[exportName];
      if (typeof runner !== "function") {
        throw new TypeError(
          `the runner module ${module} has no function export "${exportName}" (found ${typeof runner})`,
        );
      }
      return runner as PoolRunner<unknown, unknown>;
    });
    runners.set(key, loading);
  }
  return loading;
}

async function runJob(task: RunnerPoolTask): Promise<RunnerTaskReply> {
  try {
    const runner = await runnerFor(task.runnerModule, task.exportName);
    const result = await runner(task.job, {
      candles: task.candles,
      seed: (engine) => adoptSharedCandles(engineStateOf(engine), task.candles),
    });
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
