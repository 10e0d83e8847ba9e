import { CandlewickError } from "../errors/candlewick-error.js";
import { hasCandleClosingAt, type PortfolioLane } from "./portfolio-lane.js";

/** The frame's ticks: `start + i × step` for i in [0, totalFrames). */
export interface FrameClock {
  readonly start: number;
  readonly step: number;
  readonly totalFrames: number;
}

export const tickAt = (clock: FrameClock, index: number): number => clock.start + index * clock.step;

/** Index of the first tick at or after `time`. */
export const tickIndexAt = (clock: FrameClock, time: number): number =>
  Math.ceil((time - clock.start) / clock.step);

/**
 * The next instant the portfolio clock must stop at for `lane`:
 * - idle: the tick its own backtest would ask at next;
 * - open or scheduled: the earliest tick at which it could, having closed in between, ask again (the next
 *   strategy boundary; the next tick under `intervalGate: "bucket"`, which may ask mid-interval), and its next
 *   `onOpenInterval`. Stopping there is what keeps a position from running ahead of the clock: every other lane's
 *   ask between two stops sees the account as it is at that instant. After the frame nothing asks, and an open
 *   lane is still looked at once per strategy interval, so the equity curve goes on until the last close.
 */
export function dueTime(clock: FrameClock, lane: PortfolioLane): number {
  const { runner } = lane;
  if (runner.phase === "idle") {
    return lane.index < clock.totalFrames ? tickAt(clock, lane.index) : Number.POSITIVE_INFINITY;
  }
  const boundary = runner.nextSignalTime(lane.seenUntil);
  const index =
    lane.run.config.intervalGate === "bucket"
      ? Math.floor((lane.seenUntil - clock.start) / clock.step) + 1
      : tickIndexAt(clock, boundary);
  let due = index < clock.totalFrames ? tickAt(clock, index) : boundary;
  if (runner.wantsHooks) due = Math.min(due, runner.nextHookTime());
  if (!(due > lane.seenUntil)) {
    throw clockError(lane, `its next instant ${iso(due)} is not after ${iso(lane.seenUntil)}`);
  }
  return due;
}

/**
 * Sets an idle-again lane's next tick as its own backtest would after a close at `closeTimestamp`, then steps
 * over the ticks before `now` the clock did not stop at for it. Those cannot be asks (the clock stops at every
 * tick where a lane could ask), unless the candle is missing there, when its backtest's ask yields nothing too.
 */
export function afterClose(
  clock: FrameClock,
  lane: PortfolioLane,
  closeTimestamp: number,
  now: number,
): void {
  const { runner } = lane;
  lane.index = Math.max(lane.openedIndex + 1, tickIndexAt(clock, runner.resumeTime(closeTimestamp)));
  while (lane.index < clock.totalFrames && tickAt(clock, lane.index) < now) {
    const when = tickAt(clock, lane.index);
    if (runner.wantsSignal(when) && hasCandleClosingAt(lane, when)) {
      throw clockError(lane, `it was due to ask at ${iso(when)}, before the clock's ${iso(now)}`);
    }
    afterAsk(clock, lane, when);
  }
}

/** An ask at `when` that opened nothing: the lane's next tick is the next strategy interval's. */
export function afterAsk(clock: FrameClock, lane: PortfolioLane, when: number): void {
  lane.index = Math.max(lane.index + 1, tickIndexAt(clock, lane.runner.nextSignalTime(when)));
}

function clockError(lane: PortfolioLane, what: string): CandlewickError {
  return new CandlewickError(
    "PORTFOLIO_CLOCK",
    `[core] portfolio clock: strategy "${lane.run.strategyName}" on ${lane.run.symbol}: ${what}; this is a Candlewick bug, please report it`,
    { details: { strategyName: lane.run.strategyName, symbol: lane.run.symbol } },
  );
}

const iso = (time: number): string => (Number.isFinite(time) ? new Date(time).toISOString() : String(time));
