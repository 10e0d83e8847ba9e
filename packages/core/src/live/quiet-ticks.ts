import { alignDown } from "../candles/interval.js";
import type { RunContext } from "../kernel/run-context.js";
import type { SignalRunner } from "../kernel/signal-runner.js";
import { tickCandlesLoaded } from "./load-tick-candles.js";
import type { StateWriteGate } from "./state-write-gate.js";

/**
 * The tick a live run on loaded-ahead history (a prefetching replay) may sleep until after the tick at `when`,
 * skipping the ticks in between, or undefined to tick as usual. Those ticks would do nothing but move an open
 * position's fill scan on: no event (`SignalRunner.quietThrough`), no write (before the gate's next checkpoint), no
 * strategy call (nothing is asked while a position is open, nor while idle before the next strategy interval:
 * `SignalRunner.idleUntil`), no candle load (the candles are there). The tick it returns then does the same scan in
 * one call, so events, writes and their ticks are those of ticking every minute; a backtest fast-forwards the same
 * way. An open position: tries up to the checkpoint, then halves the span down to two ticks.
 */
export function quietTickAfter(
  run: RunContext,
  runner: SignalRunner,
  gate: StateWriteGate,
  when: number,
  tickMs: number,
  historyEnd: number,
): number | undefined {
  if (runner.phase === "idle") {
    // Ticks are multiples of the tick period: the first at or after the next strategy interval.
    const next = runner.idleUntil(when);
    if (next === undefined) return undefined;
    const target = Math.min(Math.ceil(next / tickMs) * tickMs, alignDown(historyEnd, tickMs));
    return target - when > tickMs && tickCandlesLoaded(run, target) ? target : undefined;
  }
  if (runner.phase !== "opened") return undefined;
  // NaN (nothing written yet) makes every comparison below false.
  const limit = Math.min(gate.checkpointAt, historyEnd);
  let span = alignDown(limit, tickMs) - when;
  while (span > tickMs) {
    const target = when + span;
    if (tickCandlesLoaded(run, target) && runner.quietThrough(target)) return target;
    span = alignDown(span / 2, tickMs);
  }
  return undefined;
}
