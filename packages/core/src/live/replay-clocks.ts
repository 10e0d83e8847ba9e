import type { ExchangeSchema } from "../spec/exchange.js";
import type { LiveClock } from "./live-clock.js";

/**
 * What a replay created with `prefetch` lets the live runs on its clock load ahead of virtual time: its source
 * under the replay's name, up to the replay's end. Like a backtest's, such loads are not look-ahead: strategies and
 * fills only ever see candles closed by the tick's time.
 */
export interface ReplayHistory {
  /** The replay's source, unfiltered, named as the replay's exchange. */
  readonly exchange: ExchangeSchema;
  /** The replay's end (epoch ms): candles are loaded up to it. */
  readonly endMs: number;
}

interface ReplayLink {
  readonly clock: LiveClock;
  readonly history: ReplayHistory | undefined;
}

/**
 * The virtual clock of each replayed exchange. A replay hands its clock to the live runs on its exchange this way
 * rather than through the exchange contract, which says nothing about time: an exchange serves candles.
 */
const links = new WeakMap<ExchangeSchema, ReplayLink>();

/** Marks `exchange` as driven by `clock` (called by `createReplay`), with the history a prefetching replay offers. */
export function attachReplayClock(exchange: ExchangeSchema, clock: LiveClock, history?: ReplayHistory): void {
  links.set(exchange, { clock, history });
}

/** The clock of a replayed exchange, or undefined for a real one. */
export function replayClockOf(exchange: ExchangeSchema): LiveClock | undefined {
  return links.get(exchange)?.clock;
}

/** The history of a prefetching replay, for a run on its own clock (another clock would not bound what is seen). */
export function replayHistoryOf(exchange: ExchangeSchema, clock: LiveClock): ReplayHistory | undefined {
  const link = links.get(exchange);
  return link !== undefined && link.clock === clock ? link.history : undefined;
}
