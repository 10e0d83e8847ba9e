import { MessageChannel } from "node:worker_threads";
import { loadBacktestCandles } from "../backtest/backtest.js";
import type { EngineState } from "../engine/engine-state.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { WalkerPoolTask, WalkerTaskMessage } from "../pool/pool-protocol.js";
import { shareCandleFeed } from "../pool/shared-candles.js";
import { runCostsOf } from "../report/run-costs.js";
import { AsyncInbox } from "./async-inbox.js";
import { deserializeError } from "./serialized-error.js";
import type { StrategyOutcome } from "./strategy-outcome.js";
import type { WalkerPlan } from "./walker-plan.js";
import type { ForwardedEvent } from "./walker-worker-protocol.js";

/**
 * Backtests the walker's strategies on the engine's worker pool (`min(concurrency, strategies)` threads, kept
 * warm across runs) and yields each one's trades in the order they finish. Strategies are handed out longest
 * first by their time in the engine's previous parallel run (`engine.walkerCosts`), so the workers end together. The run's 1m candles are loaded once,
 * here, into shared memory; each task carries only names, the config and a reference to that memory. Results are
 * written into the engine's backtest journal (so `Backtest.getData` and the reports see them as after a
 * sequential run) and the workers' engine events are replayed on this thread's streams, in order. When the
 * generator fails, is abandoned or `abort` fires, nothing new starts and the workers still running one of its
 * backtests are terminated (the pool replaces them).
 */
export async function* runStrategiesInPool(
  plan: WalkerPlan,
  onStart: (strategyName: string) => Promise<void>,
  abort?: AbortSignal,
): AsyncGenerator<StrategyOutcome, void, undefined> {
  const { engine, schema, symbol, launch } = plan;
  const walkerName = schema.walkerName;
  const total = schema.strategies.length;
  const threads = Math.min(plan.concurrency, total);
  const pool = engine.pools.get(launch!, threads, plan.setupModule!);
  const feed = await loadBacktestCandles(engine, "Walker.run", symbol, {
    strategyName: schema.strategies[0]!,
    exchangeName: schema.exchangeName,
    frameName: schema.frameName,
    config: plan.config,
  });
  const candles = [shareCandleFeed(feed)];
  const inbox = new AsyncInbox<StrategyOutcome>();
  // Fired when the run ends early: tinypool terminates the workers of tasks still running (and starts new ones).
  const cancel = new AbortController();
  // Longest first, by the previous run's times (list order on the first run); `next` indexes this order.
  const order = engine.walkerCosts.order(walkerName, symbol, schema.strategies);
  let next = 0;
  let stopping = false;

  /** One backtest on the pool: events replayed as they come, then the result recorded. */
  const runOne = async (index: number): Promise<void> => {
    const strategyName = schema.strategies[index]!;
    await onStart(strategyName);
    if (stopping) return;
    // The worker's backtest starts this pair's schedule counters afresh; its own counters arrive with the result.
    engine.schedule.reset(strategyName, "backtest", symbol);
    const channel = new MessageChannel();
    const task: WalkerPoolTask = {
      kind: "walker",
      setupModule: plan.setupModule!,
      walkerName,
      exchangeName: schema.exchangeName,
      frameName: schema.frameName,
      strategies: schema.strategies,
      config: plan.config,
      forwardPerformance: engine.measuresPerformance(),
      forwardSignals: engine.events.signal.observed || engine.events.signalBacktest.observed,
      forwardProgress: engine.events.progress.observed,
      index,
      strategyName,
      symbol,
      candles,
      port: channel.port2,
    };
    const answered = new Promise<void>((resolve, reject) => {
      channel.port1.on("message", (message: WalkerTaskMessage) => {
        try {
          if (onMessage(message)) resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    try {
      await Promise.all([pool.run<null>(task, [channel.port2], cancel.signal), answered]);
    } finally {
      channel.port1.close();
    }
  };

  /** Handles one message of a task's port; true once the task's last message (its answer) arrived. */
  const onMessage = (message: WalkerTaskMessage): boolean => {
    switch (message.type) {
      case "events":
        replay(engine, message.events, message.threadId);
        return false;
      case "result": {
        const { strategyName, trades, periodStart, periodEnd } = message.outcome;
        engine.walkerCosts.record(walkerName, symbol, strategyName, message.backtestMs);
        if (message.schedule !== undefined) {
          engine.schedule.adopt(strategyName, "backtest", symbol, message.schedule);
        }
        engine.journal
          .start(strategyName, symbol, periodStart, periodEnd, runCostsOf(plan.config))
          .trades.push(...trades);
        inbox.push(message.outcome);
        return true;
      }
      case "failed":
        throw deserializeError(
          message.error,
          `[core] Walker "${walkerName}": strategy "${message.strategyName}" failed on ${symbol} in a worker thread: ${message.error.message}`,
        );
      case "setup-failed":
        throw deserializeError(
          { ...message.error, code: message.error.code ?? "WALKER_SETUP_FAILED" },
          `[core] Walker "${walkerName}": a worker thread could not set up from ${plan.setupModule}: ${message.error.message}`,
        );
    }
  };

  /** A worker's loop: takes the next strategy whenever it is free. */
  const lane = async (): Promise<void> => {
    while (!stopping && next < total) {
      const index = order[next++]!;
      await runOne(index);
    }
  };

  const lanes = Array.from({ length: threads }, () =>
    lane().catch((error: unknown) => {
      stopping = true;
      inbox.fail(
        CandlewickError.isInstance(error)
          ? error
          : new CandlewickError(
              "WALKER_WORKER_FAILED",
              `[core] Walker "${walkerName}": a worker thread failed: ${error instanceof Error ? error.message : String(error)}`,
              { details: { walkerName, symbol }, cause: error },
            ),
      );
    }),
  );

  let received = 0;
  try {
    for (; received < total; received++) {
      const outcome = await inbox.take(abort);
      if (outcome === undefined) return;
      yield outcome;
    }
  } finally {
    stopping = true;
    if (received < total) cancel.abort();
    await Promise.allSettled(lanes);
  }
}

/**
 * Re-emits a worker's events on this thread's streams, in the order they happened there. Run ids are numbered
 * per thread, so the ones of a worker get its thread id appended (`run-3@worker-2`) and cannot collide with this thread's.
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
        // Published only: the schedule counters this event would feed come with the task's result.
        engine.events.emitSignal(forwarded.event);
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
