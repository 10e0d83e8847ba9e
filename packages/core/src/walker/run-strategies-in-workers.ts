import { Worker } from "node:worker_threads";
import type { EngineState } from "../engine/engine-state.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { runCostsOf } from "../report/run-costs.js";
import { AsyncInbox } from "./async-inbox.js";
import { deserializeError } from "./serialized-error.js";
import type { StrategyOutcome } from "./strategy-outcome.js";
import type { WalkerPlan } from "./walker-plan.js";
import type {
  ForwardedEvent,
  WalkerTask,
  WalkerWorkerData,
  WalkerWorkerMessage,
} from "./walker-worker-protocol.js";

/**
 * Backtests the walker's strategies on `min(concurrency, strategies)` worker threads and yields each one's trades
 * in the order they finish. Each worker imports the setup module once, then takes the next strategy whenever it
 * is free. Results are written into the engine's backtest journal (so `Backtest.getData` and the reports see
 * them as after a sequential run) and the workers' engine events are replayed on this thread's streams.
 * The workers are terminated when the generator ends, fails, is abandoned or `abort` fires.
 */
export async function* runStrategiesInWorkers(
  plan: WalkerPlan,
  onStart: (strategyName: string) => Promise<void>,
  abort?: AbortSignal,
): AsyncGenerator<StrategyOutcome, void, undefined> {
  const { engine, schema, symbol, launch } = plan;
  const walkerName = schema.walkerName;
  const queue: WalkerTask[] = schema.strategies.map((strategyName, index) => ({
    type: "run",
    index,
    strategyName,
    symbol,
  }));
  const total = queue.length;
  const inbox = new AsyncInbox<StrategyOutcome>();
  const workerData: WalkerWorkerData = {
    walkerName,
    setupModule: plan.setupModule!,
    exchangeName: schema.exchangeName,
    frameName: schema.frameName,
    strategies: schema.strategies,
    config: plan.config,
    forwardPerformance: engine.measuresPerformance(),
    boot: { tsxApi: launch!.tsxApi, entry: launch!.entry },
  };
  let stopping = false;

  const dispatch = async (worker: Worker): Promise<void> => {
    const task = queue.shift();
    if (task === undefined) return;
    await onStart(task.strategyName);
    if (stopping) return;
    // The worker's backtest starts this pair's schedule counters afresh here, where its forwarded events land.
    engine.schedule.reset(task.strategyName, "backtest", symbol);
    worker.postMessage(task);
  };

  const onMessage = (worker: Worker, message: WalkerWorkerMessage): void => {
    switch (message.type) {
      case "ready":
        void dispatch(worker);
        return;
      case "events":
        replay(engine, message.events, worker.threadId);
        return;
      case "result": {
        const { strategyName, trades, periodStart, periodEnd } = message.outcome;
        engine.journal
          .start(strategyName, symbol, periodStart, periodEnd, runCostsOf(plan.config))
          .trades.push(...trades);
        inbox.push(message.outcome);
        void dispatch(worker);
        return;
      }
      case "failed":
        inbox.fail(
          deserializeError(
            message.error,
            `[core] Walker "${walkerName}": strategy "${message.strategyName}" failed on ${symbol} in a worker thread: ${message.error.message}`,
          ),
        );
        return;
      case "setup-failed":
        inbox.fail(
          deserializeError(
            { ...message.error, code: message.error.code ?? "WALKER_SETUP_FAILED" },
            `[core] Walker "${walkerName}": a worker thread could not set up from ${workerData.setupModule}: ${message.error.message}`,
          ),
        );
        return;
    }
  };

  const workers = Array.from({ length: Math.min(plan.concurrency, total) }, () => {
    const worker = new Worker(launch!.code, { eval: true, workerData, execArgv: [...launch!.execArgv] });
    worker.on("message", (message: WalkerWorkerMessage) => {
      try {
        onMessage(worker, message);
      } catch (error) {
        inbox.fail(error);
      }
    });
    worker.on("error", (error) =>
      inbox.fail(
        new CandlewickError(
          "WALKER_WORKER_FAILED",
          `[core] Walker "${walkerName}": a worker thread crashed: ${error.message}`,
          {
            details: { walkerName, symbol },
            cause: error,
          },
        ),
      ),
    );
    worker.on("exit", (code) => {
      if (!stopping) {
        inbox.fail(
          new CandlewickError(
            "WALKER_WORKER_FAILED",
            `[core] Walker "${walkerName}": a worker thread exited early (code ${code})`,
            {
              details: { walkerName, symbol, exitCode: code },
            },
          ),
        );
      }
    });
    return worker;
  });

  try {
    for (let received = 0; received < total; received++) {
      const outcome = await inbox.take(abort);
      if (outcome === undefined) return;
      yield outcome;
    }
  } finally {
    stopping = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Re-emits a worker's events on this thread's streams, in the order they happened there. Run ids are numbered
 * per thread, so the ones of a worker get its thread id appended (`run-3@worker-2`) and cannot collide with this
 * thread's.
 */
function replay(engine: EngineState, events: readonly ForwardedEvent[], threadId: number): void {
  const eventBus = engine.events;
  const own = <T extends { readonly runId: string }>(event: T): T => ({
    ...event,
    runId: `${event.runId}@worker-${threadId}`,
  });
  for (const forwarded of events) {
    switch (forwarded.stream) {
      case "signal":
        engine.publishSignal(forwarded.event);
        break;
      case "progress":
        eventBus.progress.next(own(forwarded.event));
        break;
      case "performance":
        engine.publishPerformance(own(forwarded.event));
        break;
      case "done":
        eventBus.doneBacktest.next(
          forwarded.error === undefined
            ? own(forwarded.event)
            : { ...own(forwarded.event), error: deserializeError(forwarded.error) },
        );
        break;
      case "error":
        eventBus.error.next(deserializeError(forwarded.error));
        break;
    }
  }
}
