/**
 * Entry of a walker worker thread (started by `runStrategiesInWorkers` through the bootstrap in
 * worker-launch.ts). It builds the thread's engine from the walker's setup module — the module's
 * `setup(engine)` export on a fresh engine, or else the registrations its import makes on the thread's default
 * engine — so this thread has the same exchange, frame and strategies as the calling thread, then backtests one
 * strategy per task and answers with the closed trades and the tested period (plain data). Engine events of the thread are forwarded in batches, in order, ahead of
 * the result they belong to.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runBacktestWith } from "../backtest/backtest.js";
import type { SymbolTrades } from "../backtest/trade-journal.js";
import { createEngine, engineStateOf } from "../engine/create-engine.js";
import { defaultEngineState } from "../engine/default-engine.js";
import type { EngineState } from "../engine/engine-state.js";
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

/** The thread's engine, once the setup module built it. */
let engine: EngineState;

async function start(): Promise<void> {
  walkerWorkerFlag.active = true;
  try {
    const setup = (await import(data.setupModule)) as { setup?: unknown };
    if (typeof setup.setup === "function") {
      const own = createEngine({ name: `walker-worker-${data.walkerName}` });
      await setup.setup(own);
      engine = engineStateOf(own);
    } else {
      engine = defaultEngineState;
    }
  } catch (error) {
    post({ type: "setup-failed", error: serializeError(error) });
    return;
  }
  const missing = [
    ...(engine.exchanges.has(data.exchangeName) ? [] : [`exchange "${data.exchangeName}"`]),
    ...(engine.frames.has(data.frameName) ? [] : [`frame "${data.frameName}"`]),
    ...data.strategies.filter((name) => !engine.strategies.has(name)).map((name) => `strategy "${name}"`),
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
  const eventBus = engine.events;
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
    let recorded: SymbolTrades | undefined;
    const run = runBacktestWith(
      engine,
      "Backtest.run",
      task.symbol,
      {
        strategyName: task.strategyName,
        exchangeName: data.exchangeName,
        frameName: data.frameName,
        config: data.config,
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
