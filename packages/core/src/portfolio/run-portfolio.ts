import { WARMUP_MS } from "../backtest/run-backtest.js";
import { ExchangeError } from "../errors/exchange-error.js";
import { deliverEvent } from "../kernel/deliver-event.js";
import { MINUTE_MS } from "../kernel/fill/scan-types.js";
import type { BacktestResult, SignalEvent } from "../spec/tick-result.js";
import { afterAsk, afterClose, dueTime, type FrameClock } from "./portfolio-clock.js";
import type { PortfolioLane } from "./portfolio-lane.js";
import type { PortfolioRecord } from "./portfolio-record.js";

/** A portfolio backtest ready to run: its lanes in (strategy, symbol) order, all on `record.account`. */
export interface PortfolioPlan {
  readonly lanes: readonly PortfolioLane[];
  readonly clock: FrameClock;
  /** The frame's `[start, end)`, for the "no candles" check. */
  readonly frameStart: number;
  readonly frameEnd: number;
  readonly record: PortfolioRecord;
}

/**
 * The portfolio loop: every lane on one clock and one account. The clock stops at each instant some lane is due
 * (see `dueTime`) and processes it in a fixed order:
 *
 * 1. fills: every open or scheduled position is advanced over the 1m candles closed by then, in symbol order
 *    (then strategy order within a symbol);
 * 2. `onOpenInterval` hooks due then, in (strategy, symbol) order;
 * 3. new signals: the idle lanes due then are asked, in (strategy, symbol) order, each seeing what the lanes
 *    before it opened;
 * 4. the instant's lifecycle events are delivered in that order, closed trades recorded, and the account
 *    sampled for the equity curve.
 *
 * Between two stops nothing reads the account, so a position scanned to the next stop in one go is the same as
 * one scanned minute by minute, and the fast-forward over typed arrays stays. Yields every closed or cancelled
 * signal, in clock order. No randomness and no wall-clock time: the same run twice is the same, byte for byte.
 */
export async function* runPortfolio(
  plan: PortfolioPlan,
  abort?: AbortSignal,
): AsyncGenerator<BacktestResult, void, undefined> {
  const { lanes, clock, record } = plan;
  const fillOrder = [...lanes].sort((a, b) => a.fillRank - b.fillRank);
  const events: SignalEvent[] = [];
  const owners: PortfolioLane[] = [];
  const own = (lane: PortfolioLane) => {
    while (owners.length < events.length) owners.push(lane);
  };
  let failure: Error | undefined;
  let finished = false;
  try {
    await load(plan);
    for (const lane of lanes)
      lane.run.engine.schedule.reset(lane.run.strategyName, "backtest", lane.run.symbol);
    for (;;) {
      if (abort?.aborted) return;
      let now = Number.POSITIVE_INFINITY;
      for (const lane of lanes) {
        const due = dueTime(clock, lane);
        if (due < now) now = due;
      }
      if (now === Number.POSITIVE_INFINITY) break;
      events.length = 0;
      owners.length = 0;

      for (const lane of fillOrder) {
        const { runner } = lane;
        if (runner.phase === "idle") continue;
        const from = events.length;
        runner.advance(now > lane.dataEnd ? Number.POSITIVE_INFINITY : now, now > lane.dataEnd, events);
        own(lane);
        lane.seenUntil = now;
        if ((runner.phase as string) === "idle") afterClose(clock, lane, closeTimeOf(events, from), now);
      }

      for (const lane of lanes) {
        const { runner } = lane;
        if (runner.phase === "idle" || !runner.wantsHooks || runner.nextHookTime() !== now) continue;
        const from = events.length;
        const hooked = runner.requestHook(now, events);
        if (hooked !== undefined) await hooked;
        own(lane);
        if ((runner.phase as string) === "idle") afterClose(clock, lane, closeTimeOf(events, from), now);
      }

      for (const lane of lanes) {
        const { runner } = lane;
        if (runner.phase !== "idle" || lane.index >= clock.totalFrames) continue;
        if (clock.start + lane.index * clock.step !== now) continue;
        let opened: SignalEvent | null = null;
        if (runner.wantsSignal(now)) {
          const asked = runner.requestSignal(now);
          opened = asked instanceof Promise ? await asked : asked;
        }
        if (opened === null) {
          afterAsk(clock, lane, now);
          continue;
        }
        lane.openedIndex = lane.index;
        lane.seenUntil = now;
        events.push(opened);
        own(lane);
      }

      for (let i = 0; i < events.length; i++) {
        const delivered = deliverEvent(owners[i]!.run, events[i]!);
        if (delivered !== undefined) await delivered;
      }
      record.sample(now);
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (event.action === "closed") {
          owners[i]!.journal.trades.push(event);
          record.trades.push(event);
        }
        if (event.action === "closed" || event.action === "cancelled") yield event;
      }
    }
    finished = true;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    for (const lane of lanes) {
      const { run } = lane;
      run.engine.events.doneBacktest.next({
        runId: run.runId,
        symbol: run.symbol,
        strategyName: run.strategyName,
        exchangeName: run.exchangeName,
        frameName: run.frameName,
        backtest: true,
        cancelled: !finished && failure === undefined,
        ...(failure === undefined ? {} : { error: failure }),
      });
    }
  }
}

/** Loads every lane's 1m candles for the whole run up front; a symbol without candles in the frame fails it. */
async function load(plan: PortfolioPlan): Promise<void> {
  for (const lane of plan.lanes) {
    const { run } = lane;
    const feed = run.minuteFeed;
    await feed.ensure(plan.clock.start - WARMUP_MS, run.horizon(), false, run.config.getCandlesTimeoutMs);
    const store = feed.store;
    if (store.lowerBound(plan.frameEnd) - store.lowerBound(plan.frameStart) === 0) {
      throw new ExchangeError(
        run.exchangeName,
        `no 1m candles for ${run.symbol} in frame "${run.frameName}" (${new Date(plan.frameStart).toISOString()} .. ${new Date(plan.frameEnd).toISOString()})`,
        { symbol: run.symbol },
      );
    }
    lane.dataEnd = store.length > 0 ? store.timestamp[store.length - 1]! + MINUTE_MS : 0;
  }
}

/** The close (or cancel) time of the event that ended a lane's signal, among those it pushed from `from` on. */
function closeTimeOf(events: readonly SignalEvent[], from: number): number {
  for (let i = events.length - 1; i >= from; i--) {
    const event = events[i]!;
    if (event.action === "closed" || event.action === "cancelled") return event.closeTimestamp;
  }
  throw new Error("[core] portfolio: a lane went idle without a closing event");
}
