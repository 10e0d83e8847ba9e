export type {
  Broker,
  BrokerBalance,
  BrokerCapabilities,
  BrokerErrorKind,
  BrokerErrorReason,
  BrokerFill,
  BrokerMarket,
  BrokerOrder,
  BrokerPosition,
  OrderRequest,
  OrderSide,
  OrderStatus,
  OrderType,
} from "./broker.js";
export type { Candle, CandleColumns } from "./candle.js";
export type {
  DoneEvent,
  PerformanceEvent,
  PerformanceMetric,
  ProgressEvent,
  RunIdentity,
} from "./events.js";
export type { ExchangeSchema } from "./exchange.js";
export type { FillModel } from "./fill-model.js";
export type { FrameSchema } from "./frame.js";
export { CANDLE_INTERVALS, type CandleInterval } from "./interval.js";
export type { JsonValue, PersistAdapter, PersistKey } from "./persist.js";
export type {
  BreakevenRule,
  EntryReason,
  ExitReason,
  LevelChange,
  PositionFill,
  PositionRules,
  PositionSnapshot,
  ResolvedRung,
  TakeProfitRung,
  TrailingStopRule,
} from "./position.js";
export type {
  CapitalStatistics,
  DrawdownSeries,
  EquitySample,
  NullableBreakdownMetricName,
  NullableCapitalStatisticName,
  TradeBreakdown,
  TradeBreakdownRow,
} from "./reports/capital-statistics.js";
export type {
  PortfolioData,
  PortfolioEquityCurve,
  PortfolioLedger,
} from "./reports/portfolio-data.js";
export type {
  RiskCandidate,
  RiskContext,
  RiskLimits,
  RiskPosition,
  RiskRejection,
  RiskSchema,
  RiskValidation,
  RiskValidationFn,
} from "./risk.js";
export type {
  CancelReason,
  CloseReason,
  DropReason,
  SignalDto,
  SignalPnl,
  SignalPosition,
  SignalRow,
} from "./signal.js";
export type { Sizing } from "./sizing.js";
export type { StrategyCallbacks, StrategySchema } from "./strategy.js";
export type {
  ActiveResult,
  BacktestResult,
  CancelledResult,
  ClosedResult,
  IdleResult,
  LiveResult,
  OpenedResult,
  ScheduledResult,
  SignalEvent,
  TickResult,
  VenueRejection,
} from "./tick-result.js";
