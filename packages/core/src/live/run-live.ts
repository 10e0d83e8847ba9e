import { alignDown, INTERVAL_MS, MINUTE_MS } from "../candles/interval.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { reportError } from "../events/report-error.js";
import { deliverEvent } from "../kernel/deliver-event.js";
import type { RunContext } from "../kernel/run-context.js";
import { SignalRunner } from "../kernel/signal-runner.js";
import { LiveOrderFlow, type LiveOrderOptions } from "../orders/live-order-flow.js";
import { toPersistKeyPart } from "../persist/persist-key-part.js";
import { openStateSlot } from "../persist/state-slot.js";
import type { PersistAdapter, PersistKey } from "../spec/persist.js";
import type { LiveResult, SignalEvent } from "../spec/tick-result.js";
import { liveAccountSeat } from "./live-accounts.js";
import type { LiveClock } from "./live-clock.js";
import { claimLiveState } from "./live-run-claims.js";
import { parseLiveState } from "./live-state.js";
import { createLiveStateWriter } from "./live-state-writer.js";
import { loadTickCandles, tickCandlesLoaded } from "./load-tick-candles.js";
import { quietTickAfter } from "./quiet-ticks.js";
import { StateWriteGate } from "./state-write-gate.js";
import { FailedTicks } from "./ticks-failed-error.js";
import type { RetryPolicy } from "./with-retry.js";

/** How a live loop is driven and stopped. */
export interface LiveLoopOptions {
  readonly clock: LiveClock;
  readonly persist: PersistAdapter;
  /** Time between ticks (ticks are aligned to it). */
  readonly tickMs: number;
  /** Wait after each boundary before ticking, so the exchange has published the candle that just closed. */
  readonly tickDelayMs: number;
  readonly retry: RetryPolicy;
  /** Failed ticks in a row after which the run stops with `LIVE_TICKS_FAILED`. */
  readonly maxFailedTicks: number;
  /** Graceful stop: no new signals; an open position is monitored until it closes, then the run ends. */
  readonly stop: AbortSignal;
  /** Immediate stop: the run ends now; its persisted state is resumed by the next start. */
  readonly kill: AbortSignal;
  /** Told about an error that ends the run, before the done event (background runs report it there). */
  readonly onFatal?: (error: Error) => void;
  /** On a prefetching replay: load the 1m candles up to this time ahead of the ticks (its end). */
  readonly loadAheadUntil?: number;
  /** Trade through a broker: every fill the kernel decides becomes an order (see `LiveOrderFlow`). */
  readonly orders?: LiveOrderOptions;
  /** `LiveOptions.progressWrites`, resolved. Default `"tick"`. */
  readonly progressWrites?: "tick" | "checkpoint";
}

/** The persistence key of a run's state: `signals/<strategy>/<symbol>`. */
export function liveStateKey(run: { readonly strategyName: string; readonly symbol: string }): PersistKey {
  return {
    namespace: "signals",
    strategyName: toPersistKeyPart(run.strategyName),
    symbol: toPersistKeyPart(run.symbol),
  };
}

/**
 * The live loop: the same SignalRunner and fill model as the backtest, fed by the clock. On start it restores
 * the persisted state (a scheduled or open signal goes on being monitored; nothing opens twice). Each tick it
 * loads the candles that closed, advances the signal, maybe asks the strategy, and writes the new state
 * BEFORE the events are emitted or yielded.
 */
export async function* runLive(
  run: RunContext,
  options: LiveLoopOptions,
): AsyncGenerator<LiveResult, void, undefined> {
  const { clock, persist, tickMs, tickDelayMs, retry, stop, kill } = options;
  const failedTicks = new FailedTicks(options.maxFailedTicks);
  const identity = {
    runId: run.runId,
    symbol: run.symbol,
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: "",
    backtest: false,
  };
  const key = liveStateKey(run);
  // Reads and writes `key`; also finds state an earlier version stored under its old, non-injective key.
  const slot = openStateSlot(persist, key.namespace, run);
  let failure: Error | undefined;
  let finished = false;
  let release: (() => void) | undefined;
  let leave: (() => void) | undefined;
  clock.attach?.();
  try {
    release = claimLiveState(persist, key);
    // The engine's live runs on this exchange share one account; this run's part of it is persisted with its state.
    const seat = liveAccountSeat(run, "Live");
    const runner = new SignalRunner(run, Number.POSITIVE_INFINITY, seat.account);
    seat.account.join(runner, seat.key);
    leave = () => seat.leave(runner);
    const flow =
      options.orders === undefined ? null : new LiveOrderFlow(run, seat.account, options.orders, persist);
    const writer = createLiveStateWriter(slot);
    // With progress written at checkpoints, a tick that changed nothing a restart needs builds no state at all
    // (live/state-write-gate.ts). The gate does not see the order flow's journal: with orders, every write is built.
    const gate =
      flow === null && options.progressWrites === "checkpoint"
        ? new StateWriteGate(runner, tickMs)
        : undefined;
    // Undefined when the state is the one last written: an unchanged tick then awaits nothing.
    const write = (outbox: readonly LiveResult[]): Promise<void> | undefined => {
      if (gate?.unchanged(outbox.length)) return undefined;
      const mark = gate?.mark(outbox.length);
      const written = writer.write({
        version: 1,
        exchangeName: run.exchangeName,
        runner: runner.snapshot(),
        account: seat.account.ledgerOf(runner),
        outbox,
        ...(flow === null ? {} : flow.stateFields()),
      });
      if (gate === undefined || mark === undefined) return written;
      if (written === undefined) return void gate.written(mark);
      return written.then(() => gate.written(mark));
    };
    // The order flow awaits every write it asks for, changed or not.
    const writeAwaited = (outbox: readonly LiveResult[]): Promise<void> => write(outbox) ?? Promise.resolve();
    // Listeners get every event first; then the consumer gets them one by one, and the outbox keeps exactly
    // those it has not received yet. A consumer that stops iterating (`break`, a throw in its loop body) has
    // received the event it stopped on, so the outbox drops it too — the last one of a tick included; a crash
    // while it handles one leaves that one in the outbox, to be delivered again (at-least-once).
    const publish = async function* (events: readonly LiveResult[]) {
      for (const event of events) {
        const delivered = deliverEvent(run, event);
        if (delivered !== undefined) await delivered;
      }
      let received = 0;
      try {
        while (received < events.length) {
          const event = events[received]!;
          received++;
          yield event;
          await write(events.slice(received));
        }
      } finally {
        // `write` skips an unchanged state, so this costs nothing after a normal end.
        if (received > 0) await write(events.slice(received));
      }
    };

    const stored = await slot.read();
    // A stored JSON null is a value, not the absence of one (`undefined`): it is refused, never overwritten.
    if (stored !== undefined) {
      const state = parseLiveState(stored, key, persist.name, run);
      if (state.exchangeName !== run.exchangeName) {
        throw new CandlewickError(
          "LIVE_STATE_MISMATCH",
          `[core] ${run.strategyName} on ${run.symbol} has live state from exchange "${state.exchangeName}", not "${run.exchangeName}"; finish or move that state aside first`,
          { details: { key, stored: state.exchangeName, requested: run.exchangeName } },
        );
      }
      seat.account.join(runner, seat.key, state.account);
      runner.restore(state.runner);
      if (flow !== null) flow.restore(state);
      writer.restored(state);
      gate?.written(gate.mark(state.outbox.length));
      // Events persisted before a crash but maybe never delivered: deliver them now.
      if (state.outbox.length > 0) yield* publish(state.outbox);
    }
    // Before the first tick, the venue must agree with what the journal says (orders sent but never recorded
    // are adopted, orphans cancelled); a position it cannot explain stops the run here.
    if (flow !== null) {
      await flow.reconcile(() => writeAwaited([]), runner.snapshot().signal, clock.now());
      flow.catchUp(runner);
      // What the killed process's last tick would have delivered once its orders settled: delivered now.
      const settled: SignalEvent[] = [];
      flow.releaseAtStart(runner, settled);
      if (settled.length > 0) {
        await writeAwaited(settled as LiveResult[]);
        yield* publish(settled as LiveResult[]);
      }
    }

    const events: SignalEvent[] = [];
    const stopOrKill = AbortSignal.any([stop, kill]);
    // Read every tick: plain flags, set once by the signals, are cheaper than their getters at 200 runs a minute.
    let stopped = stop.aborted;
    let killed = kill.aborted;
    stop.addEventListener("abort", () => {
      stopped = true;
    });
    kill.addEventListener("abort", () => {
      killed = true;
    });
    // On loaded-ahead history with progress written at checkpoints, a run sleeps over its quiet ticks.
    const history = gate === undefined ? undefined : options.loadAheadUntil;
    let quietUntil: number | undefined;
    while (!killed) {
      if (stopped && runner.phase !== "opened") {
        events.length = 0;
        runner.cancelScheduled(alignDown(clock.now(), MINUTE_MS), events);
        if (events.length > 0) {
          await write(events as LiveResult[]);
          yield* publish(events as LiveResult[]);
        }
        break;
      }
      const when = quietUntil ?? alignDown(clock.now(), tickMs) + tickMs;
      quietUntil = undefined;
      // A graceful stop also wakes the sleep, so an idle run ends at once instead of a tick later.
      const stopping = stopped;
      if (!(await clock.sleepUntil(when + tickDelayMs, stopping ? kill : stopOrKill))) {
        if (!killed && !stopping && stopped) continue;
        break;
      }
      // Timed only when someone looks (Performance.enable, a performance listener), as backtests are.
      const measuring = run.engine.measuresPerformance();
      const began = measuring ? performance.now() : 0;
      try {
        if (!tickCandlesLoaded(run, when))
          await loadTickCandles(run, when, clock, retry, options.loadAheadUntil);
        failedTicks.succeeded();
      } catch (error) {
        // A failed tick is skipped and reported; too many in a row end the run instead of leaving it stuck.
        if (failedTicks.failed(when)) throw failedTicks.error(run, when, error, runner.snapshot());
        reportError(error, run, `tick at ${new Date(when).toISOString()} skipped`);
        continue;
      }
      events.length = 0;
      runner.advance(when, false, events);
      if (runner.wantsHook(when)) {
        const hooked = runner.requestHook(when, events);
        if (hooked !== undefined) await hooked;
      }
      // A halted run, or one whose refused close keeps a position at the venue, takes no new signal.
      if (!stopped && (flow === null || flow.accepting) && runner.wantsSignal(when)) {
        let opened = runner.requestSignal(when);
        if (opened instanceof Promise) opened = await opened;
        if (opened !== null) events.push(opened);
      }
      // Orders: written before they leave; the venue's fills go back into the rows and the events.
      if (flow !== null) await flow.tick(runner, events, when, write);
      const written = write(events as LiveResult[]);
      if (written !== undefined) await written;
      if (measuring) {
        run.engine.publishPerformance({
          ...identity,
          metricType: "live_tick",
          duration: performance.now() - began,
          timestamp: Date.now(),
        });
      }
      if (events.length > 0) yield* publish(events as LiveResult[]);
      // Halted (an operator, the kill switch) and flat: the run ends.
      const ending = flow?.ending(runner) ?? null;
      if (ending instanceof Error) throw ending;
      if (ending !== null) break;
      // Between ticks, every `reconcileEveryMs`: after this tick's orders, before the next tick's.
      if (flow !== null) await flow.reconcileIfDue(when, () => writeAwaited([]));
      // Not while ticks are timed: each tick is a `live_tick` measurement.
      if (history !== undefined && gate !== undefined && !measuring) {
        quietUntil = quietTickAfter(run, runner, gate, when, tickMs, history);
      }
    }
    finished = true;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    options.onFatal?.(failure);
    throw error;
  } finally {
    leave?.();
    release?.();
    clock.detach?.();
    run.engine.events.doneLive.next({
      ...identity,
      cancelled: !finished || kill.aborted || stop.aborted,
      ...(failure === undefined ? {} : { error: failure }),
    });
  }
}

/** Ticks per interval name, for the `tickInterval` option. */
export function tickMsOf(interval: keyof typeof INTERVAL_MS): number {
  return INTERVAL_MS[interval];
}
