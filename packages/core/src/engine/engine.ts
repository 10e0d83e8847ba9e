import type { BacktestApi } from "../backtest/backtest.js";
import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { Listeners } from "../events/listen.js";
import type { LiveApi } from "../live/live.js";
import type { PortfolioApi } from "../portfolio/portfolio.js";
import type { HeatApi } from "../report/heat.js";
import type { PerformanceApi } from "../report/performance.js";
import type { ScheduleApi } from "../report/schedule.js";
import type { RiskApi } from "../risk/risk.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { FrameSchema } from "../spec/frame.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { Reporter } from "../spec/reporter.js";
import type { RiskSchema } from "../spec/risk.js";
import type { StrategySchema } from "../spec/strategy.js";
import type { WalkerApi } from "../walker/walker.js";
import type { WalkerSchema } from "../walker/walker-schema.js";

/**
 * An engine: the unit of isolation. It owns its registrations, config, candle caches, results, reports, event
 * streams, persistence and reporter; two engines in one process never see each other's. The functions exported
 * by the package (`addStrategy`, `Backtest.run`, `listenSignal`, …) are the default engine's.
 */
export interface Engine extends Listeners {
  /** For messages: `"default"` for the default engine. */
  readonly name: string;

  /**
   * Registers a strategy. One schema object serves every symbol; the engine keeps signal state per
   * (strategy, symbol).
   * @throws InvalidArgumentError naming the bad field, or when the name is taken.
   */
  addStrategy(schema: StrategySchema): void;
  /**
   * Registers a candle source under `exchangeName`. The object itself is kept (not copied), so an adapter may
   * hold state such as a client or a cache.
   * @throws InvalidArgumentError naming the bad field, or when the name is taken.
   */
  addExchange(schema: ExchangeSchema): void;
  /**
   * Registers a backtest window: ticks at `startDate` (rounded up to a whole minute) and every `interval` after
   * it, before `endDate`. Ticks are not aligned to the interval: a 1h frame from 10:24 ticks at 10:24, 11:24…
   * @throws InvalidArgumentError naming the bad field, when `endDate` is not after `startDate`, when the frame
   * has no tick at all, or when the name is taken.
   */
  addFrame(schema: FrameSchema): void;
  /**
   * Registers a walker: a comparison of strategies on one exchange and frame, ranked by `metric`
   * (default `"sharpeRatio"`). Names are checked when the walker runs, so registration order does not matter.
   * @throws InvalidArgumentError naming the bad field, a strategy listed twice, or a taken name.
   */
  addWalker(schema: WalkerSchema): void;
  /**
   * Registers a risk: built-in limits (`maxConcurrentPositions`, `maxPositionsPerSymbol`, `maxExposure`,
   * `maxDailyLoss`) and custom `validations`, checked before each new entry and DCA add of every strategy that
   * names it in `riskName` or `riskList`. A rejected signal is reported on `listenRisk` and kept for `Risk`.
   * Names are checked when a run starts, so registration order does not matter.
   * @throws InvalidArgumentError naming the bad field, an unknown (misspelt) one, or when the name is taken.
   */
  addRisk(schema: RiskSchema): void;

  /** Unregisters a strategy; returns whether it was registered. Runs already started keep using it. */
  removeStrategy(strategyName: string): boolean;
  /** Unregisters an exchange; returns whether it was registered. */
  removeExchange(exchangeName: string): boolean;
  /** Unregisters a frame; returns whether it was registered. */
  removeFrame(frameName: string): boolean;
  /** Unregisters a walker (its results stay readable until it is registered again); returns whether it was. */
  removeWalker(walkerName: string): boolean;
  /** Unregisters a risk; returns whether it was registered. Runs already started keep checking it. */
  removeRisk(riskName: string): boolean;

  /** Every registered strategy, in registration order. */
  listStrategies(): StrategySchema[];
  /** Every registered exchange, in registration order. */
  listExchanges(): ExchangeSchema[];
  /** Every registered frame, in registration order. */
  listFrames(): FrameSchema[];
  /** Every registered walker, in registration order. */
  listWalkers(): WalkerSchema[];
  /** Every registered risk, in registration order. */
  listRisks(): RiskSchema[];

  /**
   * Changes the engine's defaults. The patch is validated first: on a bad key or value nothing changes and an
   * `InvalidConfigError` names every bad key. Runs already started keep the config they started with.
   */
  setConfig(patch: Partial<CandlewickConfig>): CandlewickConfig;
  /** The engine's current config (frozen). */
  getConfig(): CandlewickConfig;
  /** Restores the built-in defaults. */
  resetConfig(): CandlewickConfig;

  /**
   * Chooses where this engine's live runs keep their state (a run can also pass `persist`).
   * @throws InvalidArgumentError when `adapter` does not speak the persist contract "v1".
   */
  setPersist(adapter: PersistAdapter): void;
  /**
   * Sets the reporter behind every `getReport` and `dump` of this engine, e.g.
   * `setReporter(createMarkdownReporter())` from `@candlewick/reporter-markdown`.
   * @throws InvalidArgumentError naming the field when `reporter` does not satisfy the contract.
   */
  setReporter(reporter: Reporter): void;
  /**
   * The engine's reporter.
   * @throws CandlewickError `NO_REPORTER` when none is set.
   */
  getReporter(): Reporter;

  readonly Backtest: BacktestApi;
  readonly Live: LiveApi;
  readonly Walker: WalkerApi;
  readonly Schedule: ScheduleApi;
  readonly Heat: HeatApi;
  readonly Performance: PerformanceApi;
  readonly Risk: RiskApi;
  readonly Portfolio: PortfolioApi;

  /**
   * Stops the engine's background runs (live runs at once: their state is persisted and resumed by the next
   * start), waits for them to end, releases every listener and forgets registrations and results. Afterwards
   * every call throws `ENGINE_DISPOSED`. The default engine cannot be disposed.
   */
  dispose(): Promise<void>;
}

/** Options of `createEngine`. Everything can also be set later with the engine's methods. */
export interface EngineOptions {
  /** For messages. Default `"engine-<n>"`. */
  readonly name?: string;
  /** Applied on top of the built-in defaults (see `setConfig`). */
  readonly config?: Partial<CandlewickConfig>;
  /** Where live runs keep their state (see `setPersist`). */
  readonly persist?: PersistAdapter;
  /** The reporter of `getReport` and `dump` (see `setReporter`). */
  readonly reporter?: Reporter;
}
