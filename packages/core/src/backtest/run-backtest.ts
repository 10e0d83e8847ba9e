import { alignDown } from "../candles/interval.js";
import { ExchangeError } from "../errors/exchange-error.js";
import { deliverEvent } from "../kernel/deliver-event.js";
import { MINUTE_MS } from "../kernel/fill/scan-types.js";
import type { RunContext } from "../kernel/run-context.js";
import { SignalRunner } from "../kernel/signal-runner.js";
import { runCostsOf } from "../report/run-costs.js";
import type { FrameSchema } from "../spec/frame.js";
import type { BacktestResult, SignalEvent } from "../spec/tick-result.js";
import { backtestPerformance, backtestProgress } from "./backtest-events.js";
import { frameTicks } from "./frame-ticks.js";
import type { BacktestRecorder } from "./trade-journal.js";

/** Candles loaded before the frame in the first request, so typical look-backs need no second one. */
export const WARMUP_MS = 24 * 60 * MINUTE_MS;

/** Time a backtest may need candles for: the frame, then the longest a late signal can wait and stay open. */
export function backtestHorizon(run: Pick<RunContext, "config">, frame: FrameSchema): number {
  const { scheduleAwaitMinutes, maxSignalLifetimeMinutes, vwapCandles } = run.config;
  const tail = (scheduleAwaitMinutes + maxSignalLifetimeMinutes + vwapCandles + 1) * MINUTE_MS;
  return Math.min(frame.endDate.getTime() + tail, alignDown(Date.now(), MINUTE_MS));
}

/**
 * The 1m candles `runBacktest` loads first, `[from, to)`: the warm-up before the frame's first tick, up to the
 * horizon. A parallel walker loads exactly this range once in the calling thread and shares it with its workers.
 */
export function backtestCandleRange(
  run: Pick<RunContext, "config" | "horizon">,
  frame: FrameSchema,
): { from: number; to: number } {
  const ticked = run.config.frameEndInclusive
    ? { ...frame, endDate: new Date(frame.endDate.getTime() + 1) }
    : frame;
  const { first } = frameTicks("Backtest.run", ticked);
  return { from: first - WARMUP_MS, to: run.horizon() };
}

/**
 * The backtest loop. Ticks over the frame; while idle it asks the strategy once per strategy interval and jumps
 * straight to the next interval otherwise; once a signal is open or scheduled it fast-forwards over the 1m
 * typed arrays to the close (no await, no allocation per candle) and resumes at the first tick after it.
 * Yields every closed or cancelled signal; closed trades go to the record `recorder` starts for this run (the
 * engine's journal behind `Backtest.getData`, or the walker's). Ends early when `abort` fires or the consumer stops iterating.
 */
export async function* runBacktest(
  run: RunContext,
  frame: FrameSchema,
  recorder: BacktestRecorder,
  abort?: AbortSignal,
  onFatal?: (error: Error) => void,
): AsyncGenerator<BacktestResult, void, undefined> {
  // `frameEndInclusive`: endDate is itself a tick, i.e. the exclusive end is just past it.
  const ticked = run.config.frameEndInclusive
    ? { ...frame, endDate: new Date(frame.endDate.getTime() + 1) }
    : frame;
  const { first: start, step, count: totalFrames } = frameTicks("Backtest.run", ticked);
  const end = ticked.endDate.getTime();
  // `closeAtFrameEnd`: what is still open is closed on the first 1m candle after the last tick.
  const closeAt = run.config.closeAtFrameEnd
    ? start + (totalFrames - 1) * step + MINUTE_MS
    : Number.POSITIVE_INFINITY;
  const identity = {
    runId: run.runId,
    symbol: run.symbol,
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
    backtest: true,
  };
  const engine = run.engine;
  const eventBus = engine.events;
  const timeframeDone = (tickStartedAt: number): void => {
    engine.publishPerformance(
      backtestPerformance(run, "backtest_timeframe", performance.now() - tickStartedAt),
    );
  };
  const startedAt = performance.now();
  let cancelled = true;
  let failure: Error | undefined;
  try {
    const feed = run.minuteFeed;
    await feed.ensure(start - WARMUP_MS, run.horizon(), false, run.config.getCandlesTimeoutMs);
    if (feed.store.lowerBound(end) - feed.store.lowerBound(start) === 0) {
      throw new ExchangeError(
        run.exchangeName,
        `no 1m candles for ${run.symbol} in frame "${frame.frameName}" (${new Date(start).toISOString()} .. ${new Date(end).toISOString()})`,
        { symbol: run.symbol },
      );
    }
    // The run starts its own records explicitly: a fresh trade record (the recorder's) and fresh schedule counters.
    run.engine.schedule.reset(run.strategyName, "backtest", run.symbol);
    const journal = recorder.start(run.strategyName, run.symbol, start, end, runCostsOf(run.config));
    const runner = new SignalRunner(run, closeAt);
    const events: SignalEvent[] = [];
    const progressEvery = Math.max(1, Math.floor(totalFrames / 100));
    let nextProgress = 0;
    let index = 0;
    while (index < totalFrames) {
      if (abort?.aborted) return;
      if (index >= nextProgress) {
        eventBus.progress.next(backtestProgress(run, totalFrames, index));
        nextProgress = index + progressEvery;
      }
      const when = start + index * step;
      const timed = engine.measuresPerformance() ? performance.now() : 0;
      if (runner.wantsSignal(when)) {
        let opened = runner.requestSignal(when);
        if (opened instanceof Promise) opened = await opened;
        if (opened !== null) {
          // The opening tick is timed like any other (up to the signal's acceptance); its fast-forward to the
          // close is the separate `backtest_signal` measurement.
          if (timed !== 0) timeframeDone(timed);
          const signalStartedAt = performance.now();
          events.length = 0;
          events.push(opened);
          if (runner.wantsHooks) {
            // The strategy looks at its position once per interval: advance to each boundary, then ask it.
            const store = feed.store;
            const dataEnd = store.length > 0 ? store.timestamp[store.length - 1]! + MINUTE_MS : 0;
            while (runner.phase !== "idle") {
              const next = runner.nextHookTime();
              if (next > dataEnd) {
                runner.advance(Number.POSITIVE_INFINITY, true, events);
                break;
              }
              runner.advance(next, false, events);
              if ((runner.phase as string) === "idle") break;
              const hooked = runner.requestHook(next, events);
              if (hooked !== undefined) await hooked;
            }
          } else {
            runner.advance(Number.POSITIVE_INFINITY, true, events);
          }
          for (const event of events) {
            const delivered = deliverEvent(run, event);
            if (delivered !== undefined) await delivered;
          }
          const finished = events[events.length - 1] as BacktestResult;
          if (finished.action === "closed") journal.trades.push(finished);
          engine.publishPerformance(
            backtestPerformance(run, "backtest_signal", performance.now() - signalStartedAt),
          );
          yield finished;
          index = Math.max(index + 1, Math.ceil((runner.resumeTime(finished.closeTimestamp) - start) / step));
          continue;
        }
      }
      if (timed !== 0) timeframeDone(timed);
      // Nothing can happen before the strategy's next interval: skip the ticks in between.
      index = Math.max(index + 1, Math.ceil((runner.nextSignalTime(when) - start) / step));
    }
    eventBus.progress.next(backtestProgress(run, totalFrames, totalFrames));
    cancelled = false;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    onFatal?.(failure);
    throw error;
  } finally {
    engine.publishPerformance(backtestPerformance(run, "backtest_total", performance.now() - startedAt));
    eventBus.doneBacktest.next({
      ...identity,
      cancelled: cancelled && failure === undefined,
      ...(failure === undefined ? {} : { error: failure }),
    });
  }
}
