import { type DoneEvent, listenDoneBacktest, listenDoneLive } from "@candlewick/core";
import { runKey } from "../context/run-key.js";
import type { IndicatorStream } from "./indicator-stream.js";

/** The indicator streams of one run, and the latest execution time they were used at. */
export interface RunStreams {
  lastWhen: number;
  readonly streams: Map<string, IndicatorStream<unknown>>;
  /**
   * The same streams of the one-period shortcuts (`sma(20)`...) read with the default interval, source and
   * warm-up, by shortcut name then period: found without building their string key on every call.
   */
  readonly byPeriod: Map<string, Map<number, IndicatorStream<unknown>>>;
}

const byRun = new Map<string, RunStreams>();
// The run looked up last: consecutive calls nearly always come from the same run, so skip the map then.
let lastKey = "";
let lastState: RunStreams | undefined;
let listening = false;

function forget(event: DoneEvent): void {
  const key = runKey(event);
  byRun.delete(key);
  if (key === lastKey) lastState = undefined;
}

/**
 * The streams of the run `key` at time `when`. A run's streams are dropped when the run ends (its done event),
 * and replaced when time goes backwards for the same key — a new run of the same strategy, exchange, frame and
 * symbol that started over (for instance one that was abandoned before it finished). Within a run the
 * execution time never decreases, so neither can happen by mistake.
 */
export function runStreams(key: string, when: number): RunStreams {
  if (!listening) {
    // Subscribed on first use, not at import: importing the sdk has no side effects.
    listening = true;
    listenDoneBacktest(forget);
    listenDoneLive(forget);
  }
  let state = key === lastKey ? lastState : byRun.get(key);
  if (state === undefined || when < state.lastWhen) {
    state = { lastWhen: when, streams: new Map(), byPeriod: new Map() };
    byRun.set(key, state);
  }
  state.lastWhen = when;
  lastKey = key;
  lastState = state;
  return state;
}

/** Number of runs holding indicator state (for tests: state must not leak past a run's end). */
export function activeRunStreamCount(): number {
  return byRun.size;
}
