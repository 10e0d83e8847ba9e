import { TradeJournal } from "../backtest/trade-journal.js";
import { CandleRepository } from "../candles/candle-repository.js";
import { type CandlewickConfig, DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { EventBus } from "../events/event-bus.js";
import { noPersistenceError } from "../persist/check-persist-adapter.js";
import { EnginePools } from "../pool/engine-pools.js";
import { PortfolioJournal } from "../portfolio/portfolio-record.js";
import { Registry } from "../registry/registry.js";
import { noReporterError } from "../report/check-reporter.js";
import { LiveEventLog } from "../report/live-event-log.js";
import { PerformanceRecorder } from "../report/performance-recorder.js";
import { ScheduleTracker } from "../report/schedule-tracker.js";
import { RiskLog } from "../risk/risk-log.js";
import type { PerformanceEvent } from "../spec/events.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { FrameSchema } from "../spec/frame.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { Reporter } from "../spec/reporter.js";
import type { RiskRejection, RiskSchema } from "../spec/risk.js";
import type { StrategySchema } from "../spec/strategy.js";
import type { SignalEvent } from "../spec/tick-result.js";
import { StrategyCosts } from "../walker/strategy-costs.js";
import type { WalkerSchema } from "../walker/walker-schema.js";
import { WalkerStore } from "../walker/walker-store.js";

/** Defaults a package wires into an engine, used only where the user set nothing (see `candlewick`). */
export interface EngineFallbacks {
  /** Made on first use, so an engine that never runs live creates no state folder. */
  readonly persist?: () => PersistAdapter;
  readonly reporter?: () => Reporter;
}

/**
 * Everything one engine owns: its registries, config, candle repositories, result stores, event streams,
 * persistence, reporter and the background runs it started. Runs resolve it once when they start (it travels in
 * their `RunContext`), so nothing on a run's path reads module state, and two engines never see each other.
 */
export class EngineState {
  readonly events = new EventBus();
  readonly exchanges = new Registry<ExchangeSchema>("exchange", "exchangeName");
  readonly strategies = new Registry<StrategySchema>("strategy", "strategyName", "strategies");
  readonly frames = new Registry<FrameSchema>("frame", "frameName");
  readonly walkers = new Registry<WalkerSchema>("walker", "walkerName");
  readonly risks = new Registry<RiskSchema>("risk", "riskName");
  /** Closed trades of the backtests, behind `Backtest.getData`. */
  readonly journal = new TradeJournal();
  /** Portfolio backtests by name (`Portfolio.getData`). */
  readonly portfolios = new PortfolioJournal();
  readonly walkerStore = new WalkerStore();
  readonly schedule = new ScheduleTracker();
  readonly liveLog = new LiveEventLog();
  readonly performance = new PerformanceRecorder();
  /** The risk rejections of the engine's live runs and latest backtests, behind `Risk.getData`. */
  readonly riskLog = new RiskLog();
  /** Worker pools of the engine's parallel walker runs, kept warm across runs, closed by `dispose()`. */
  readonly pools = new EnginePools();
  /** Each walker strategy's time on a worker in the last parallel run: the next run hands out the longest first. */
  readonly walkerCosts = new StrategyCosts();
  config: CandlewickConfig = DEFAULT_CONFIG;
  persist: PersistAdapter | undefined;
  reporter: Reporter | undefined;
  fallbacks: EngineFallbacks = {};
  disposed = false;
  private readonly repositories = new WeakMap<ExchangeSchema, CandleRepository>();
  /** Stop functions of the background runs in flight, and the promises they settle. */
  private readonly background = new Map<Promise<void>, () => void>();

  constructor(readonly name: string) {}

  /** Throws `ENGINE_DISPOSED` once `dispose()` ran: a disposed engine starts nothing and answers nothing. */
  assertUsable(component: string): void {
    if (this.disposed) {
      throw new CandlewickError(
        "ENGINE_DISPOSED",
        `[core] ${component}: engine "${this.name}" was disposed; create a new one with createEngine()`,
        { details: { engine: this.name } },
      );
    }
  }

  /** Applies a validated config patch; nothing changes when it is bad. */
  patchConfig(patch: unknown, component: string): CandlewickConfig {
    this.config = resolveConfig(this.config, patch, component);
    return this.config;
  }

  /** The candle repository of a registered exchange (one per exchange object and engine). */
  repositoryFor(exchange: ExchangeSchema): CandleRepository {
    let repository = this.repositories.get(exchange);
    if (repository === undefined) {
      repository = new CandleRepository(exchange);
      this.repositories.set(exchange, repository);
    }
    return repository;
  }

  /**
   * Records a lifecycle event in the engine's stores, then publishes it on the streams. Runs call it for each
   * of their own events (and the walker for those its worker threads forwarded): reports are fed by the runs,
   * never by a subscription that could miss events or see another engine's.
   */
  publishSignal(event: SignalEvent): void {
    this.schedule.record(event);
    if (!event.backtest) this.liveLog.record(event);
    this.events.emitSignal(event);
  }

  /**
   * Records a risk rejection in the engine's log, then publishes it on `listenRisk`. Runs call it for each signal
   * or DCA add their risks (or the cash and size checks) reject, as they call `publishSignal`, with their `runId`
   * (the log keeps only the latest backtest run of each strategy and symbol).
   */
  publishRisk(rejection: RiskRejection, runId?: string): void {
    this.riskLog.record(rejection, runId);
    this.events.risk.next(rejection);
  }

  /** The adapter a live run uses: its own, else the engine's, else the wired default. */
  resolvePersist(own: PersistAdapter | undefined): PersistAdapter {
    if (own !== undefined) return own;
    if (this.persist === undefined && this.fallbacks.persist !== undefined) {
      this.persist = this.fallbacks.persist();
    }
    if (this.persist !== undefined) return this.persist;
    throw noPersistenceError();
  }

  /** The reporter of `getReport`/`dump`: the engine's, else the wired default; `NO_REPORTER` with neither. */
  requireReporter(): Reporter {
    if (this.reporter === undefined && this.fallbacks.reporter !== undefined) {
      this.reporter = this.fallbacks.reporter();
    }
    if (this.reporter === undefined) throw noReporterError();
    return this.reporter;
  }

  /** A timing measurement of a run: recorded once `Performance.enable()` was called, then emitted. */
  publishPerformance(event: PerformanceEvent): void {
    if (this.performance.recording) this.performance.record(event);
    this.events.performance.next(event);
  }

  /**
   * Whether per-tick timing is wanted: `Performance.enable()` was called or someone listens to the performance
   * stream. Backtests skip timing every tick otherwise (it is measurably slower for a fast strategy).
   */
  measuresPerformance(): boolean {
    return this.performance.recording || this.events.performance.observed;
  }

  /** Keeps a background run's stop function until its promise settles, so `dispose()` can stop it. */
  trackBackground(done: Promise<void>, stop: () => void): void {
    this.background.set(done, stop);
    void done.finally(() => this.background.delete(done));
  }

  /**
   * Stops every background run (live runs at once: their state is persisted and resumed by the next start), waits
   * for them to end, then releases every listener and forgets registrations and results.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const running = [...this.background];
    for (const [, stop] of running) stop();
    await Promise.allSettled(running.map(([done]) => done));
    await this.pools.close();
    this.events.complete();
    for (const registry of [this.exchanges, this.strategies, this.frames, this.walkers, this.risks]) {
      registry.clear();
    }
  }
}
