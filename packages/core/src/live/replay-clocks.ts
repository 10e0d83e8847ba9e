import type { ExchangeSchema } from "../spec/exchange.js";
import type { LiveClock } from "./live-clock.js";

/**
 * The virtual clock of each replayed exchange. A replay hands its clock to the live runs on its exchange this way
 * rather than through the exchange contract, which says nothing about time: an exchange serves candles.
 */
const clocks = new WeakMap<ExchangeSchema, LiveClock>();

/** Marks `exchange` as driven by `clock` (called by `createReplay`). */
export function attachReplayClock(exchange: ExchangeSchema, clock: LiveClock): void {
  clocks.set(exchange, clock);
}

/** The clock of a replayed exchange, or undefined for a real one. */
export function replayClockOf(exchange: ExchangeSchema): LiveClock | undefined {
  return clocks.get(exchange);
}
