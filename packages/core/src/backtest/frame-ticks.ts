import { INTERVAL_MS, MINUTE_MS } from "../candles/interval.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { FrameSchema } from "../spec/frame.js";

/** Where a frame's ticks fall: `first + i·step` for `i` in `[0, count)`. */
export interface FrameTicks {
  readonly first: number;
  readonly step: number;
  readonly count: number;
}

/**
 * The ticks of a frame: `startDate` (rounded up to a whole minute, since the engine decides on closed 1m
 * candles) then every `interval`, strictly before `endDate`. Not aligned to the interval: a 1h frame from
 * 10:24 ticks at 10:24, 11:24, ...
 * @throws InvalidArgumentError naming the frame, its start, end and interval when it has no tick at all.
 */
export function frameTicks(component: string, frame: FrameSchema): FrameTicks {
  const step = INTERVAL_MS[frame.interval];
  const start = frame.startDate.getTime();
  const end = frame.endDate.getTime();
  const first = Math.ceil(start / MINUTE_MS) * MINUTE_MS;
  const count = Math.max(0, Math.ceil((end - first) / step));
  if (count === 0) {
    throw new InvalidArgumentError(
      component,
      "endDate",
      frame.endDate,
      `a date after the first tick ${new Date(first).toISOString()} of frame "${frame.frameName}" (interval ${frame.interval}, startDate ${frame.startDate.toISOString()}): ticks fall on startDate rounded up to a whole minute, then every interval, before endDate; this frame has none`,
    );
  }
  return { first, step, count };
}
