export type { BacktestApi, BacktestOptions } from "./backtest/backtest.js";
export type { BacktestData } from "./backtest/get-backtest-data.js";
export { checkBroker } from "./broker/check-broker.js";
export { ORDER_TYPES } from "./broker/order-types.js";
export { createPaperBroker, type PaperBroker, type PaperBrokerOptions } from "./broker/paper-broker.js";
export { INTERVAL_MS, intervalToMs, isCandleInterval } from "./candles/interval.js";
export { backtestKitConfig } from "./compat/backtest-kit-config.js";
export { type CandlewickConfig, DEFAULT_CONFIG } from "./config/candlewick-config.js";
export { getDefaultConfig } from "./config/resolve-config.js";
export { getAveragePrice, getCandleColumns, getCandles, getMarketPrice } from "./context/market-data.js";
export {
  commitActivateScheduled,
  commitAverageBuy,
  commitBreakeven,
  commitCancelScheduled,
  commitClosePending,
  commitCreateSignal,
  commitPartialLoss,
  commitPartialProfit,
  commitTrailingStop,
  commitTrailingTake,
  getPendingSignal,
  getPosition,
  getScheduledSignal,
} from "./context/position-commands.js";
export { formatPrice, formatQuantity, getContext, getDate, getMode } from "./context/run-info.js";
export { createEngine } from "./engine/create-engine.js";
export {
  addExchange,
  addFrame,
  addRisk,
  addStrategy,
  addWalker,
  Backtest,
  getConfig,
  getReporter,
  Heat,
  Live,
  listExchanges,
  listenDoneBacktest,
  listenDoneLive,
  listenError,
  listenPerformance,
  listenProgress,
  listenRisk,
  listenRiskOnce,
  listenSignal,
  listenSignalBacktest,
  listenSignalLive,
  listenSignalOnce,
  listenWalker,
  listenWalkerComplete,
  listFrames,
  listRisks,
  listStrategies,
  listWalkers,
  Performance,
  Portfolio,
  Risk,
  removeExchange,
  removeFrame,
  removeRisk,
  removeStrategy,
  removeWalker,
  resetConfig,
  Schedule,
  setConfig,
  setPersist,
  setReporter,
  Walker,
} from "./engine/default-api.js";
export type { Engine, EngineOptions } from "./engine/engine.js";
export * from "./errors/index.js";
export type { Listeners } from "./events/listen.js";
export { type CsvExchangeOptions, createCsvExchange } from "./exchanges/csv-exchange.js";
export { computePnlPercentage, roundTripCostPercent } from "./kernel/pnl.js";
export type { RunnerPhase, RunnerSnapshot } from "./kernel/signal-runner.js";
export type {
  LiveApi,
  LiveCancelOptions,
  LiveHaltOptions,
  LiveHaltRequest,
  LiveOptions,
} from "./live/live.js";
export { type LiveClock, systemClock } from "./live/live-clock.js";
export type { LiveState } from "./live/live-state.js";
export { createReplay, type Replay, type ReplayOptions } from "./live/replay.js";
export { liveStateKey } from "./live/run-live.js";
export type { RetryPolicy } from "./live/with-retry.js";
export {
  clientOrderIdOf,
  DEFAULT_ORDER_PREFIX,
  isOwnClientOrderId,
  type OrderLeg,
} from "./orders/client-order-id.js";
export { type HaltFlag, haltKey } from "./orders/halt-flag.js";
export type { IntentStatus, OrderIntent } from "./orders/order-intent.js";
export { OrderJournal } from "./orders/order-journal.js";
export {
  type ProtectionKind,
  type ProtectionPlan,
  protectionPlanOf,
  type WantedProtection,
} from "./orders/protection-plan.js";
export {
  type ProtectionReport,
  type SyncProtectionsOptions,
  syncProtections,
} from "./orders/protective-orders.js";
export {
  assertReconciled,
  type PositionMismatch,
  type ReconciliationReport,
  reconcileOrders,
} from "./orders/reconcile-orders.js";
export type { SafetyRailOptions } from "./orders/safety-rails.js";
export { type SendReport, sendIntents } from "./orders/send-intents.js";
export { assertJsonValue } from "./persist/assert-json-value.js";
export {
  assertKeyPart,
  assertPersistKey,
  isPersistKeyPart,
  PERSIST_KEY_PART_RULE,
} from "./persist/assert-persist-key.js";
export { createMemoryPersist } from "./persist/memory-persist.js";
export { fromPersistKeyPart, toPersistKeyPart } from "./persist/persist-key-part.js";
export { backtestCandleSpan } from "./pool/backtest-candle-span.js";
export type { PoolRunner, PoolRunnerContext } from "./pool/pool-runner.js";
export { seedSharedCandles, shareBacktestCandles } from "./pool/share-backtest-candles.js";
export { loadSharedCandles, type SharedCandles } from "./pool/shared-candles.js";
export { createTrialPool, type TrialPool, type TrialPoolOptions } from "./pool/trial-pool.js";
export type { PoolTaskBytes } from "./pool/worker-pool.js";
export type { PortfolioApi } from "./portfolio/portfolio.js";
export type { PortfolioOptions } from "./portfolio/portfolio-options.js";
export type { HeatApi } from "./report/heat.js";
export type { PerformanceApi } from "./report/performance.js";
export type { RunCosts } from "./report/run-costs.js";
export type { ScheduleApi } from "./report/schedule.js";
export { evaluateRisks } from "./risk/evaluate-risks.js";
export type { RiskApi } from "./risk/risk.js";
export type { RiskCheckFailure } from "./risk/risk-check-failure.js";
export { collectRiskMembers, type RiskMembers } from "./risk/risk-members.js";
export * from "./spec/index.js";
export type { Reporter } from "./spec/reporter.js";
export type { TradeEquityCurve } from "./spec/reports/backtest-data.js";
export type { HeatData, HeatRow } from "./spec/reports/heat-data.js";
export type { LiveData, LiveEventCounts } from "./spec/reports/live-data.js";
export type { PerformanceData, PerformanceMetricSummary } from "./spec/reports/performance-data.js";
export type { RiskData, RiskTally } from "./spec/reports/risk-data.js";
export type { ScheduleData, ScheduleStats } from "./spec/reports/schedule-data.js";
export type { WalkerData, WalkerStrategyResult } from "./spec/reports/walker-data.js";
export * from "./statistics/index.js";
export { parseWithSchema } from "./validation/parse-with-schema.js";
export type { WalkerRunOptions } from "./walker/plan-walker-run.js";
export type { WalkerApi } from "./walker/walker.js";
export type { WalkerProgress } from "./walker/walker-progress.js";
export type { WalkerCallbacks, WalkerSchema } from "./walker/walker-schema.js";
