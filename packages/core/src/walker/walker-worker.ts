/**
 * Entry of a walker worker thread (started by `runStrategiesInWorkers` through the bootstrap in
 * worker-launch.ts). It imports the walker's setup module, so this thread registers the same exchange, frame
 * and strategies as the calling thread, then backtests one strategy per task and answers with the closed trades
 * and the tested period (plain data). Engine events of the thread are forwarded in batches, in order, ahead of
 * the result they belong to.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Backtest } from "../backtest/backtest.js";
import { backtestJournal } from "../backtest/trade-journal.js";
import { eventBus } from "../events/event-bus.js";
import { exchanges, frames, strategies } from "../registry/registries.js";
import { serializeError } from "./serialized-error.js";
import { walkerWorkerFlag } from "./walker-worker-flag.js";
import type {
  ForwardedEvent,
  WalkerTask,
  WalkerWorkerData,
  WalkerWorkerMessage,
} from "./walker-worker-protocol.js";

/** Events are sent once this many are waiting (and before every result). */
const BATCH = 256;

const port = parentPort!;
const data = workerData as WalkerWorkerData;
const post = (message: WalkerWorkerMessage): void => port.postMessage(message);

let pending: ForwardedEvent[] = [];
const flush = (): void => {
  if (pending.length === 0) return;
  post({ type: "events", events: pending });
  pending = [];
};
const forward = (event: ForwardedEvent): void => {
  pending.push(event);
  if (pending.length >= BATCH) flush();
};

async function start(): Promise<void> {
  walkerWorkerFlag.active = true;
  try {
    await import(data.setupModule);
  } catch (error) {
    post({ type: "setup-failed", error: serializeError(error) });
    return;
  }
  const missing = [
    ...(exchanges.has(data.exchangeName) ? [] : [`exchange "${data.exchangeName}"`]),
    ...(frames.has(data.frameName) ? [] : [`frame "${data.frameName}"`]),
    ...data.strategies.filter((name) => !strategies.has(name)).map((name) => `strategy "${name}"`),
  ];
  if (missing.length > 0) {
    post({
      type: "setup-failed",
      error: {
        name: "CandlewickError",
        code: "WALKER_SETUP_INCOMPLETE",
        message: `the setup module ${data.setupModule} did not register ${missing.join(", ")} in the worker thread; it must register the walker's exchange, frame and every strategy it compares`,
      },
    });
    return;
  }
  eventBus.signal.subscribe((event) => forward({ stream: "signal", event }));
  eventBus.progress.subscribe((event) => {
    forward({ stream: "progress", event });
    flush();
  });
  eventBus.doneBacktest.subscribe(({ error, ...event }) =>
    forward(
      error === undefined
        ? { stream: "done", event }
        : { stream: "done", event, error: serializeError(error) },
    ),
  );
  eventBus.error.subscribe((error) => forward({ stream: "error", error: serializeError(error) }));
  if (data.forwardPerformance)
    eventBus.performance.subscribe((event) => forward({ stream: "performance", event }));
  port.on("message", (task: WalkerTask) => void runTask(task));
  post({ type: "ready" });
}

async function runTask(task: WalkerTask): Promise<void> {
  try {
    for await (const _ of Backtest.run(task.symbol, {
      strategyName: task.strategyName,
      exchangeName: data.exchangeName,
      frameName: data.frameName,
      config: data.config,
    })) {
      // Trades are read from the journal once the run is over.
    }
    const recorded = backtestJournal.read(task.strategyName, task.symbol)!;
    flush();
    post({
      type: "result",
      outcome: {
        index: task.index,
        strategyName: task.strategyName,
        trades: recorded.trades,
        periodStart: recorded.periodStart,
        periodEnd: recorded.periodEnd,
      },
    });
  } catch (error) {
    flush();
    post({
      type: "failed",
      index: task.index,
      strategyName: task.strategyName,
      error: serializeError(error),
    });
  }
}

await start();
