import { MINUTE_MS } from "../candles/interval.js";
import type { ClosedResult } from "../spec/index.js";

/** 2024-01-01T00:00:00Z: day 0 of the fixtures. */
export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = MINUTE_MS;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The few facts of a trade the statistics read; everything else gets a fixed filler value. */
export interface TradeSpec {
  /** `signal.pendingAt` (epoch ms). */
  readonly open: number;
  /** `closeTimestamp` (epoch ms). */
  readonly close: number;
  /** `pnl.pnlPercentage`. */
  readonly pnl: number;
  /** `pnl.peakPercentage`; defaults to max(pnl, 0). */
  readonly peak?: number;
  /** `pnl.troughPercentage`; defaults to min(pnl, 0). */
  readonly trough?: number;
  /** Defaults to "BTCUSDT". */
  readonly symbol?: string;
  /** `signal.id`; defaults to `${symbol}-${open}`. */
  readonly id?: string;
}

/** Builds a complete `ClosedResult` from the fields that matter to the statistics. */
export function closedTrade(spec: TradeSpec): ClosedResult {
  const symbol = spec.symbol ?? "BTCUSDT";
  return {
    action: "closed",
    symbol,
    strategyName: "fixture",
    exchangeName: "fixture-exchange",
    frameName: "fixture-frame",
    backtest: true,
    timestamp: spec.close,
    currentPrice: 100,
    closeReason: "time_expired",
    closeTimestamp: spec.close,
    signal: {
      id: spec.id ?? `${symbol}-${spec.open}`,
      symbol,
      strategyName: "fixture",
      exchangeName: "fixture-exchange",
      frameName: "fixture-frame",
      position: "long",
      priceOpen: 100,
      priceTakeProfit: 110,
      priceStopLoss: 90,
      minuteEstimatedTime: 1440,
      originalPriceTakeProfit: 110,
      originalPriceStopLoss: 90,
      quantity: 1,
      entries: [],
      exits: [],
      levelChanges: [],
      scheduledAt: spec.open,
      pendingAt: spec.open,
    },
    pnl: {
      pnlPercentage: spec.pnl,
      priceOpen: 100,
      priceClose: 100 * (1 + spec.pnl / 100),
      peakPercentage: spec.peak ?? Math.max(spec.pnl, 0),
      troughPercentage: spec.trough ?? Math.min(spec.pnl, 0),
      pnlCost: spec.pnl,
      fees: 0,
      invested: 100,
    },
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so generated fixtures are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
