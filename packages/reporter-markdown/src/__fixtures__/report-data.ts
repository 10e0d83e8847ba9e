/**
 * Fixed inputs of the snapshot tests: hand-written trades and events, with the statistics computed by core (the
 * reporter only renders them). Nothing here depends on the clock or on a run.
 */
import { MINUTE_MS } from "@candlewick/core/internal";
import {
  type BacktestData,
  type ClosedResult,
  computeCapitalStatistics,
  computeStatistics,
  tradeEquityCurve,
  type HeatData,
  type LiveData,
  type PerformanceData,
  type PortfolioData,
  type RiskCandidate,
  type RiskData,
  type RiskRejection,
  type ScheduleData,
  type SignalEvent,
  type SignalRow,
  tradeBreakdown,
  type TradeStatistics,
  type WalkerData,
  WALKER_METRICS,
} from "@candlewick/core";

const MINUTE = MINUTE_MS;
/** 2026-04-01T00:00:00Z */
const START = Date.UTC(2026, 3, 1);
const END = Date.UTC(2026, 3, 8);
const t = (minutes: number) => START + minutes * MINUTE;

function row(symbol: string, id: string, position: "long" | "short", open: number, tp: number, sl: number, openedAt: number, note?: string): SignalRow {
  return {
    id,
    symbol,
    strategyName: "sma-cross",
    exchangeName: "binance",
    frameName: "april-week",
    position,
    priceOpen: open,
    priceTakeProfit: tp,
    priceStopLoss: sl,
    minuteEstimatedTime: 360,
    originalPriceTakeProfit: tp,
    originalPriceStopLoss: sl,
    quantity: 100 / open,
    entries: [],
    exits: [],
    levelChanges: [],
    ...(note === undefined ? {} : { note }),
    scheduledAt: openedAt,
    pendingAt: openedAt,
  };
}

function trade(
  signal: SignalRow,
  closedAt: number,
  close: number,
  closeReason: ClosedResult["closeReason"],
  pnlPercentage: number,
  peakPercentage: number,
  troughPercentage: number,
): ClosedResult {
  return {
    action: "closed",
    symbol: signal.symbol,
    strategyName: signal.strategyName,
    exchangeName: signal.exchangeName,
    frameName: signal.frameName,
    backtest: true,
    timestamp: closedAt,
    currentPrice: close,
    signal,
    closeReason,
    closeTimestamp: closedAt,
    pnl: {
      pnlPercentage,
      priceOpen: signal.priceOpen,
      priceClose: close,
      peakPercentage,
      troughPercentage,
      pnlCost: pnlPercentage,
      fees: 0.2,
      invested: 100,
    },
  };
}

export const TRADES: ClosedResult[] = [
  trade(row("BTCUSDT", "btc-1", "long", 68250.5, 68933.01, 67567.99, t(90)), t(205), 68933.01, "take_profit", 0.5966, 0.5966, -0.41),
  trade(row("ETHUSDT", "eth-1", "short", 2101.37, 2080.36, 2122.38, t(600), "fade | the rally"), t(655), 2122.38, "stop_loss", -1.2022, -0.05, -1.2022),
  trade(row("BTCUSDT", "btc-2", "short", 69010, 68319.9, 69700.1, t(1500)), t(1860), 68877.42, "time_expired", -0.0078, 0.31, -0.22),
  trade(row("ETHUSDT", "eth-2", "long", 2075.04, 2095.79, 2054.29, t(3000)), t(3065), 2095.79, "take_profit", 0.5962, 0.5962, -0.3),
];

const period = { periodStart: START, periodEnd: END };
const stats = (trades: readonly ClosedResult[]) => computeStatistics(trades, period);

export const BACKTEST_DATA: BacktestData = {
  strategyName: "sma-cross",
  symbols: ["BTCUSDT", "ETHUSDT"],
  ...stats(TRADES),
  signalList: TRADES,
  costs: [{ percentFee: 0.1, percentSlippage: 0.1, fillModel: "candle" }],
  equityCurve: tradeEquityCurve(TRADES, START),
};

const strategyRow = (rank: number, strategyName: string, metricValue: number | null, s: TradeStatistics) => ({
  rank,
  strategyName,
  metricValue,
  stats: s,
});
const wide = stats(TRADES);
const btcOnly = stats(TRADES.filter((x) => x.symbol === "BTCUSDT"));
const none = stats([]);

export const WALKER_DATA: WalkerData = {
  walkerName: "april-walker",
  symbols: ["BTCUSDT"],
  exchangeName: "binance",
  frameName: "april-week",
  metric: "sharpeRatio",
  metricLabel: WALKER_METRICS.sharpeRatio.label,
  metricDirection: "higher",
  totalStrategies: 3,
  strategiesTested: 3,
  bestStrategy: "sma-fast",
  bestMetric: btcOnly.sharpeRatio,
  costs: [{ percentFee: 0.075, percentSlippage: 0.05, fillModel: "vwap" }],
  strategies: [
    strategyRow(1, "sma-fast", btcOnly.sharpeRatio, btcOnly),
    strategyRow(2, "sma-slow", wide.sharpeRatio, wide),
    strategyRow(3, "never-trades", null, none),
  ],
};

export const WALKER_DRAWDOWN_DATA: WalkerData = {
  ...WALKER_DATA,
  metric: "maxDrawdown",
  metricLabel: WALKER_METRICS.maxDrawdown.label,
  metricDirection: "lower",
  bestStrategy: "sma-fast",
  bestMetric: btcOnly.maxDrawdown,
  strategies: [
    strategyRow(1, "sma-fast", btcOnly.maxDrawdown, btcOnly),
    strategyRow(2, "sma-slow", wide.maxDrawdown, wide),
    strategyRow(3, "never-trades", null, none),
  ],
};

const live = (event: ClosedResult): ClosedResult => ({ ...event, backtest: false, frameName: "" });
const scheduledRow: SignalRow = { ...row("SOLUSDT", "sol-1", "long", 81.234, 82.0463, 80.4217, t(20)), pendingAt: 0 };
const liveBase = {
  strategyName: "sma-cross",
  exchangeName: "binance",
  frameName: "",
  backtest: false,
} as const;
const LIVE_EVENTS: SignalEvent[] = [
  { ...liveBase, action: "scheduled", symbol: "SOLUSDT", timestamp: t(20), currentPrice: 81.9, signal: scheduledRow },
  { ...liveBase, action: "opened", symbol: "BTCUSDT", timestamp: t(90), currentPrice: 68250.5, signal: TRADES[0]!.signal },
  {
    ...liveBase,
    action: "cancelled",
    symbol: "SOLUSDT",
    timestamp: t(140),
    currentPrice: 82.31,
    signal: scheduledRow,
    closeReason: "cancelled",
    cancelReason: "timeout",
    closeTimestamp: t(140),
    pnl: {
      pnlPercentage: 0,
      priceOpen: 81.234,
      priceClose: 82.31,
      peakPercentage: 0,
      troughPercentage: 0,
      pnlCost: 0,
      fees: 0,
      invested: 0,
    },
  },
  live(TRADES[0]!),
];
const liveClosed = LIVE_EVENTS.filter((e): e is ClosedResult => e.action === "closed");

export const LIVE_DATA: LiveData = {
  strategyName: "sma-cross",
  symbols: ["BTCUSDT", "SOLUSDT"],
  totalEvents: LIVE_EVENTS.length,
  eventCounts: { scheduled: 1, opened: 1, closed: 1, cancelled: 1 },
  ...computeStatistics(liveClosed, { periodStart: t(20), periodEnd: t(205) }),
  events: LIVE_EVENTS,
};

export const SCHEDULE_DATA: ScheduleData = {
  strategyName: "dip-limit",
  symbols: ["BTCUSDT", "ETHUSDT"],
  backtest: {
    scheduled: 12,
    activated: 7,
    cancelled: 4,
    pending: 1,
    activationRate: (7 / 11) * 100,
    cancellationRate: (4 / 11) * 100,
    avgActivationWaitMinutes: 23.428571428571427,
    avgCancellationWaitMinutes: 97.5,
    avgWaitMinutes: 50.36363636363637,
    cancelReasons: { timeout: 3, price_reject: 1, end_of_data: 0, user: 0 },
  },
  live: {
    scheduled: 0,
    activated: 0,
    cancelled: 0,
    pending: 0,
    activationRate: null,
    cancellationRate: null,
    avgActivationWaitMinutes: null,
    avgCancellationWaitMinutes: null,
    avgWaitMinutes: null,
    cancelReasons: { timeout: 0, price_reject: 0, end_of_data: 0, user: 0 },
  },
};

export const HEAT_DATA: HeatData = {
  strategyName: "sma-cross",
  symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
  rows: [
    { symbol: "BTCUSDT", ...btcOnly },
    { symbol: "ETHUSDT", ...stats(TRADES.filter((x) => x.symbol === "ETHUSDT")) },
    { symbol: "SOLUSDT", ...none },
  ],
  portfolio: wide,
};

export const PERFORMANCE_DATA: PerformanceData = {
  strategyName: "sma-cross",
  symbols: ["BTCUSDT", "ETHUSDT"],
  metrics: [
    { metricType: "backtest_total", count: 2, totalMs: 2843.5612, meanMs: 1421.7806, minMs: 1311.02, maxMs: 1532.5412, p50Ms: 1421.7806, p95Ms: 1521.4451, p99Ms: 1530.3220, sampleSize: 2 },
    { metricType: "backtest_timeframe", count: 250_000, totalMs: 1712.34, meanMs: 0.00684936, minMs: 0.0011, maxMs: 12.4, p50Ms: 0.0042, p95Ms: 0.0213, p99Ms: 0.0871, sampleSize: 100_000 },
    { metricType: "backtest_signal", count: 96, totalMs: 88.1, meanMs: 0.9177, minMs: 0.21, maxMs: 7.93, p50Ms: 0.74, p95Ms: 2.31, p99Ms: 6.02, sampleSize: 96 },
  ],
};

function candidate(symbol: string, strategyName: string, position: "long" | "short", price: number, patch: Partial<RiskCandidate> = {}): RiskCandidate {
  return {
    symbol,
    strategyName,
    exchangeName: "binance",
    position,
    priceOpen: price,
    priceTakeProfit: position === "long" ? price * 1.02 : price * 0.98,
    priceStopLoss: position === "long" ? price * 0.99 : price * 1.01,
    quantity: 100 / price,
    cost: 100,
    kind: "open",
    ...patch,
  };
}

const RISK_REJECTIONS: RiskRejection[] = [
  { riskName: "portfolio", rule: "maxConcurrentPositions", reason: "3 positions open or scheduled, maxConcurrentPositions is 3", candidate: candidate("SOLUSDT", "sma-cross", "long", 131.42), timestamp: t(95), backtest: true, frameName: "april-week", activePositions: 3 },
  { riskName: "portfolio", rule: "maxExposure", reason: "exposure would be 350 (250 held + 100 for this entry), maxExposure is 300", candidate: candidate("BTCUSDT", "dip-limit", "long", 71249.51, { kind: "average_buy" }), timestamp: t(140), backtest: true, frameName: "april-week", activePositions: 2 },
  { riskName: "trading-hours", rule: "day-session", reason: "no new entries | outside 08:00-20:00 UTC", candidate: candidate("ETHUSDT", "sma-cross", "short", 3456.78), timestamp: t(7200), backtest: true, frameName: "april-week", activePositions: 1 },
  { riskName: "portfolio", rule: "maxConcurrentPositions", reason: "3 positions open or scheduled, maxConcurrentPositions is 3", candidate: candidate("SOLUSDT", "sma-cross", "short", 129.9), timestamp: t(8000), backtest: false, frameName: "", activePositions: 3 },
];

/** Every risk; the counts are those of the four rejections above, by hand. */
export const RISK_DATA: RiskData = {
  riskName: null,
  symbol: null,
  totalRejections: 4,
  backtestRejections: 3,
  liveRejections: 1,
  byRisk: [{ name: "portfolio", count: 3 }, { name: "trading-hours", count: 1 }],
  byRule: [{ name: "maxConcurrentPositions", count: 2 }, { name: "maxExposure", count: 1 }, { name: "day-session", count: 1 }],
  bySymbol: [{ name: "SOLUSDT", count: 2 }, { name: "BTCUSDT", count: 1 }, { name: "ETHUSDT", count: 1 }],
  byStrategy: [{ name: "sma-cross", count: 3 }, { name: "dip-limit", count: 1 }],
  rejections: RISK_REJECTIONS,
};

/** One risk that rejected nothing. */
export const QUIET_RISK_DATA: RiskData = {
  riskName: "portfolio",
  symbol: "BTCUSDT",
  totalRejections: 0,
  backtestRejections: 0,
  liveRejections: 0,
  byRisk: [],
  byRule: [],
  bySymbol: [],
  byStrategy: [],
  rejections: [],
};

// A portfolio of the four trades above on 1 000 of capital, sampled at each open and close (hand-made curve).
const CURVE = {
  timestamps: [START, t(90), t(205), t(600), t(655), t(1500), t(1860), t(3000), t(3065)],
  equity: [1000, 1000, 1000.6, 1000.6, 999.4, 999.4, 999.39, 999.39, 999.99],
  cash: [1000, 900, 1000.6, 900.6, 999.4, 899.4, 999.39, 899.39, 999.99],
  exposure: [0, 100, 0, 100, 0, 100, 0, 100, 0],
  openPositions: [0, 1, 0, 1, 0, 1, 0, 1, 0],
};

export const PORTFOLIO_DATA: PortfolioData = {
  portfolioName: "two-coins",
  exchangeName: "binance-files",
  frameName: "march-2026",
  symbols: ["BTCUSDT", "ETHUSDT"],
  strategies: ["sma-cross"],
  periodStart: START,
  periodEnd: END,
  statistics: computeCapitalStatistics(
    CURVE.timestamps.map((timestamp, i) => ({
      timestamp,
      equity: CURVE.equity[i]!,
      cash: CURVE.cash[i]!,
      exposure: CURVE.exposure[i]!,
      openPositions: CURVE.openPositions[i]!,
    })),
    { initialCapital: 1000, periodStart: START, periodEnd: END },
  ),
  ledger: { initialCapital: 1000, finalCash: 999.99, realizedGross: 0.79, fees: 0.8, netPnl: -0.01 },
  equity: { ...CURVE, drawdownPercent: CURVE.equity.map((equity) => Math.max(0, (1000.6 - equity) / 1000.6) * 100) },
  breakdown: tradeBreakdown(TRADES),
  rejectedEntries: 3,
  signalList: TRADES,
  costs: { percentFee: 0.1, percentSlippage: 0.1, fillModel: "candle" },
};
