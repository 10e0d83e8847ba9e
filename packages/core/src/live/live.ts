import { checkBroker } from "../broker/check-broker.js";
import { alignDown, INTERVAL_MS, MINUTE_MS } from "../candles/interval.js";
import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { reportFatal } from "../events/report-fatal.js";
import { createRunContext, type RunSelection } from "../kernel/create-run-context.js";
import { clearHaltFlag, type HaltFlag, readHaltFlag, writeHaltFlag } from "../orders/halt-flag.js";
import { type SafetyRailOptions, SafetyRails } from "../orders/safety-rails.js";
import { isProcessLocal } from "../persist/process-local-persist.js";
import { getLiveData } from "../report/get-live-data.js";
import { reportMethods } from "../report/report-methods.js";
import type { Broker } from "../spec/broker.js";
import type { CandleInterval } from "../spec/interval.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { LiveData } from "../spec/reports/live-data.js";
import type { LiveResult } from "../spec/tick-result.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { type LiveClock, systemClock } from "./live-clock.js";
import { liveOptionsSchema } from "./live-options-schema.js";
import { replayClockOf, replayHistoryOf } from "./replay-clocks.js";
import { runLive } from "./run-live.js";
import { DEFAULT_MAX_FAILED_TICKS } from "./ticks-failed-error.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./with-retry.js";

/** What a live run needs: a registered strategy and exchange, plus optional overrides. */
export interface LiveOptions extends RunSelection {
  /** Where time comes from. Default: the replay's clock on a replayed exchange (`createReplay`), else the system clock. */
  readonly clock?: LiveClock;
  /**
   * Where state is kept. Default: the engine's adapter (`setPersist(...)`, `createEngine({ persist })`, or the one
   * the `candlewick` package wires); with none, the run fails (`NO_PERSISTENCE`).
   */
  readonly persist?: PersistAdapter;
  /** Tick period, aligned to the UTC epoch. Default `"1m"`. */
  readonly tickInterval?: CandleInterval;
  /** Wait after each boundary for the exchange to publish the candle that closed. Default 2000 ms (0 on a replay). */
  readonly tickDelayMs?: number;
  /**
   * Retries of failing exchange calls within a tick. Default 4 attempts from 1 s, doubling, each wait capped at
   * 30 s. Attempts must be a whole number >= 1 (never `Infinity`: a tick must end).
   */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * A tick whose candles cannot be loaded (after its retries) is skipped and reported on `listenError`; this many
   * failed ticks in a row stop the run with `LIVE_TICKS_FAILED` (its state is kept and resumed by the next start),
   * so a run never stays stuck unnoticed with a position it cannot manage. Default 10: ten minutes at the
   * default 1m tick — past a short outage or rate-limit ban, short of leaving a position unwatched for long.
   */
  readonly maxFailedTicks?: number;
  /**
   * Place real orders: every fill the kernel decides (entries, DCA adds, partial and final exits) becomes an order
   * on this broker, with a client order id derived from the signal and the leg, written to the run's state before
   * it is sent; at start the run reconciles with the venue. Without a broker the run is paper trading on the fill
   * model. See architecture/live.md, "Orders through a broker".
   */
  readonly broker?: Broker;
  /** Client order id prefix of this deployment (1–8 letters or digits). Default `"cw"`. */
  readonly orderPrefix?: string;
  /** Hard limits on what the broker is sent, and the kill switch. */
  readonly rails?: SafetyRailOptions;
  /**
   * With a broker: reconcile with the venue every this many ms of the run's clock (between ticks, never while an
   * order of the run is in flight), as well as at start: adopt what the venue did to the run's open orders,
   * cancel orphans with the prefix, and stop with `RECONCILIATION_FAILED` on a position or base balance the
   * deployment's fills do not explain. `false`: at start only. Default 300 000 (5 minutes); at least 1000.
   */
  readonly reconcileEveryMs?: number | false;
  /**
   * When a tick whose only change is progress a restart can work out again from candles is written: the fill
   * scan's position while a signal is open, the interval the strategy was last asked in while idle (when that
   * interval is no longer than the tick). `"tick"`: every such tick, so the stored state is always at the last
   * tick and a restart re-scans nothing. `"checkpoint"`: only once the scan is 60 minutes past the stored state;
   * a restart re-scans the candles since and reaches the same state. Either way every result, fill, moved level
   * and new signal is written before it is delivered (see architecture/live.md, "What a tick writes"). Ignored
   * with a broker (every state is written). Default: `"checkpoint"` on the in-memory adapter
   * (`createMemoryPersist`, where a restart is in the same process), `"tick"` on any other.
   */
  readonly progressWrites?: "tick" | "checkpoint";
}

/** How `Live.background`'s cancel function stops a run. */
export interface LiveCancelOptions {
  /**
   * `false` (default): graceful — no new signals, an open position is monitored until it closes, then the run
   * ends and `listenDoneLive` fires. `true`: stop now; the persisted state is resumed by the next start.
   */
  readonly immediately?: boolean;
}

/** Which deployment `Live.halt` / `Live.clearHalt` are about, and where its state is. */
export interface LiveHaltOptions {
  readonly strategyName: string;
  /** The persistence the run keeps its state in. Default: the engine's adapter. */
  readonly persist?: PersistAdapter;
}

/** What `Live.halt` writes. */
export interface LiveHaltRequest extends LiveHaltOptions {
  /** Why, for the run's report and the next operator. Default `"halted by an operator"`. */
  readonly reason?: string;
  /** Also close the open position at market and drop a scheduled entry. Default false: keep it, with its stops. */
  readonly flatten?: boolean;
}

/** Live trading: the same strategy code and fill model as the backtest, driven by a clock, with crash-safe state. */
export interface LiveApi {
  /**
   * Runs a strategy live on one symbol: an endless async generator yielding `scheduled`, `opened`, `closed` and
   * `cancelled` results, ticking once per minute on the minute. Every transition is persisted before it is
   * yielded; a restart resumes where the last one stopped. Breaking out of the loop stops at once.
   */
  run(symbol: string, options: LiveOptions): AsyncGenerator<LiveResult, void, undefined>;
  /**
   * Runs the same live loop in the background. Results arrive through `listenSignalLive`, the end through
   * `listenDoneLive`, errors through `listenError`. Returns a cancel function: graceful by default.
   */
  background(symbol: string, options: LiveOptions): (cancel?: LiveCancelOptions) => void;
  /**
   * Halts a live deployment that trades through a broker, from this process or any other on the same persistence:
   * writes its halt flag (`halts/<strategy>/<symbol>`), which the run reads every tick. The run then takes no new
   * signal, cancels its resting orders (client ids with its prefix), drops a scheduled entry and, with `flatten`,
   * closes the open position at market; once flat it ends. The flag stays, so a restart stays halted, until
   * `clearHalt`. Resolves with the flag as stored (an earlier halt's reason is kept).
   */
  halt(symbol: string, request: LiveHaltRequest): Promise<HaltFlag>;
  /** Clears a halt (an operator's or the kill switch's): the run trades again from its next start. */
  clearHalt(symbol: string, options: LiveHaltOptions): Promise<void>;
  /** The halt flag of a deployment, or null when it is not halted. */
  haltOf(symbol: string, options: LiveHaltOptions): Promise<HaltFlag | null>;
  /** Every live event of a strategy on this engine (all symbols, or one), with counts and statistics. */
  getData(strategyName: string, symbol?: string): LiveData;
  /** The live report of a strategy, rendered by the engine's reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string;
  /** Writes the live report (every symbol) to `<dir>/<strategyName><ext>` (default dir `./dump/live`); returns the path. */
  dump(strategyName: string, dir?: string): Promise<string>;
}

function prepare(engine: EngineState, component: string, symbol: string, options: LiveOptions) {
  engine.assertUsable(component);
  let clock: LiveClock = systemClock;
  let run = createRunContext(engine, component, symbol, options, {
    backtest: false,
    frameName: "",
    horizon: () => alignDown(clock.now(), MINUTE_MS),
  });
  // Checked here, so a bad option fails the call itself, naming the field, instead of a TypeError mid-run.
  const live = parseWithSchema(component, liveOptionsSchema, options);
  // A replayed exchange brings its virtual clock.
  clock = live.clock ?? replayClockOf(run.exchange) ?? systemClock;
  // A prefetching replay: candles load ahead from its source up to its end, through feeds of their own.
  const history = replayHistoryOf(run.exchange, clock);
  if (history !== undefined) {
    const candles = engine.repositoryFor(history.exchange);
    run = { ...run, candles, minuteFeed: candles.feed(run.symbol, "1m"), horizon: () => history.endMs };
  }
  const tickInterval = (live.tickInterval ?? "1m") as CandleInterval;
  const tickDelayMs = live.tickDelayMs ?? (clock === systemClock ? 2000 : 0);
  const retry: RetryPolicy = {
    attempts: live.retry?.attempts ?? DEFAULT_RETRY.attempts,
    baseDelayMs: live.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: live.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  const maxFailedTicks = live.maxFailedTicks ?? DEFAULT_MAX_FAILED_TICKS;
  const orders =
    live.broker === undefined
      ? undefined
      : {
          broker: checkBroker(`${component} broker`, live.broker),
          ...(live.orderPrefix === undefined ? {} : { orderPrefix: live.orderPrefix }),
          ...(options.rails === undefined ? {} : { rails: options.rails }),
          ...(live.reconcileEveryMs === undefined ? {} : { reconcileEveryMs: live.reconcileEveryMs }),
        };
  // Built once here only to check the rails, so a bad one fails this call, naming the field.
  if (orders !== undefined) new SafetyRails(orders.rails);
  return {
    run,
    clock,
    tickMs: INTERVAL_MS[tickInterval],
    tickDelayMs,
    retry,
    maxFailedTicks,
    ...(history === undefined ? {} : { loadAheadUntil: history.endMs }),
    ...(orders === undefined ? {} : { orders }),
    ...(live.progressWrites === undefined ? {} : { progressWrites: live.progressWrites }),
  };
}

async function* liveGenerator(
  prepared: ReturnType<typeof prepare>,
  ownPersist: PersistAdapter | undefined,
  stop: AbortSignal,
  kill: AbortSignal,
  onFatal?: (error: Error) => void,
): AsyncGenerator<LiveResult, void, undefined> {
  let persist: PersistAdapter;
  try {
    persist = prepared.run.engine.resolvePersist(ownPersist);
  } catch (error) {
    onFatal?.(error as Error);
    throw error;
  }
  const progressWrites = prepared.progressWrites ?? (isProcessLocal(persist) ? "checkpoint" : "tick");
  yield* runLive(prepared.run, {
    ...prepared,
    persist,
    progressWrites,
    stop,
    kill,
    ...(onFatal ? { onFatal } : {}),
  });
}

function haltTarget(engine: EngineState, component: string, symbol: string, options: LiveHaltOptions) {
  if (typeof symbol !== "string" || symbol.length === 0) {
    throw new InvalidArgumentError(component, "symbol", symbol, "a market symbol such as BTCUSDT");
  }
  if (typeof options?.strategyName !== "string" || options.strategyName.length === 0) {
    throw new InvalidArgumentError(component, "strategyName", options?.strategyName, "the strategy's name");
  }
  return {
    persist: engine.resolvePersist(options.persist),
    target: { strategyName: options.strategyName, symbol },
  };
}

/** The `Live` facade of one engine. */
export function createLiveApi(engine: EngineState): LiveApi {
  return {
    run(symbol, options) {
      const prepared = prepare(engine, "Live.run", symbol, options);
      const never = new AbortController().signal;
      return liveGenerator(prepared, options.persist, never, never);
    },

    background(symbol, options) {
      const prepared = prepare(engine, "Live.background", symbol, options);
      const stop = new AbortController();
      const kill = new AbortController();
      const done = (async () => {
        try {
          for await (const _ of liveGenerator(prepared, options.persist, stop.signal, kill.signal, (error) =>
            reportFatal(error, prepared.run, "live"),
          )) {
            // Results are delivered through the event streams.
          }
        } catch {
          // Already reported on the error stream by reportFatal, before the done event.
        }
      })();
      // Disposing the engine stops its live runs at once: their state is persisted and resumed by the next start.
      engine.trackBackground(done, () => {
        stop.abort();
        kill.abort();
      });
      return (cancel) => {
        stop.abort();
        if (cancel?.immediately) kill.abort();
      };
    },

    async halt(symbol, request) {
      const { persist, target } = haltTarget(engine, "Live.halt", symbol, request);
      const reason = request.reason ?? "halted by an operator";
      if (typeof reason !== "string" || reason.length === 0) {
        throw new InvalidArgumentError("Live.halt", "reason", reason, "a non-empty string");
      }
      if (request.flatten !== undefined && typeof request.flatten !== "boolean") {
        throw new InvalidArgumentError("Live.halt", "flatten", request.flatten, "true or false");
      }
      return writeHaltFlag(persist, target, { by: "operator", reason, flatten: request.flatten ?? false });
    },

    async clearHalt(symbol, options) {
      const { persist, target } = haltTarget(engine, "Live.clearHalt", symbol, options);
      await clearHaltFlag(persist, target);
    },

    async haltOf(symbol, options) {
      const { persist, target } = haltTarget(engine, "Live.haltOf", symbol, options);
      return readHaltFlag(persist, target);
    },

    ...reportMethods(
      engine,
      "Live",
      (strategyName, symbol) => getLiveData(engine.liveLog, strategyName, symbol),
      (reporter, data) => reporter.renderLive(data),
      "live",
    ),
  };
}
