/**
 * A strategy that uses the whole position model on real BTCUSDT 1m candles: a take-profit ladder (partial exits),
 * a trailing stop (moved stops), DCA adds from `onOpenInterval`, and a registered risk whose `maxExposure` refuses
 * some of those adds. Shared by the replay-equivalence test and the crash child, so both exercise the same trades.
 */
import { createHash } from "node:crypto";
import {
  type ClosedResult,
  commitAverageBuy,
  getCandles,
  getPosition,
  type LiveState,
  type RiskSchema,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";

/** 2026-03-24 00:00 → 2026-03-26 00:00 UTC: new signals only in this window. */
export const POSITION_START = Date.UTC(2026, 2, 24, 0, 0);
export const POSITION_SIGNALS_END = Date.UTC(2026, 2, 26, 0, 0);
/** A position lives at most 6 hours, so everything opened in the window has closed by then. */
export const POSITION_LIFETIME_MINUTES = 360;
export const POSITION_END = POSITION_SIGNALS_END + (POSITION_LIFETIME_MINUTES + 60) * 60_000;

/** The strategy name of the crash child's positions scenario (part of its state key). */
export const POSITION_STRATEGY = "position-crash";

/** Fixed-cost entries of 100 (the default sizing): a first entry and one DCA add fit, a second add does not. */
export function positionRisk(riskName: string): RiskSchema {
  return { riskName, maxExposure: 250 };
}

/**
 * A 5m strategy. Idle: goes with the last 30 minutes' move (at least 0.1%), TP 1.2%, SL 0.8%, a two-rung ladder
 * (30% at +0.35%, 30% at +0.7%) and a trailing stop 0.5% behind the best price once it moved 0.4%. Open: every 5
 * minutes, adds 100 at the market price when that is 0.25% or more against the average entry.
 */
export function positionStrategy(strategyName: string, riskName: string): StrategySchema {
  return {
    strategyName,
    interval: "5m",
    riskName,
    getSignal: async (symbol, when) => {
      if (when.getTime() >= POSITION_SIGNALS_END) return null;
      const candles = await getCandles(symbol, "1m", 31);
      if (candles.length < 31) return null;
      const first = candles[0]!.close;
      const last = candles[candles.length - 1]!.close;
      const move = (last - first) / first;
      if (Math.abs(move) < 0.001) return null;
      const long = move > 0;
      const sign = long ? 1 : -1;
      const signal: SignalDto = {
        position: long ? "long" : "short",
        priceTakeProfit: last * (1 + sign * 0.012),
        priceStopLoss: last * (1 - sign * 0.008),
        minuteEstimatedTime: POSITION_LIFETIME_MINUTES,
        takeProfitLadder: [
          { distancePercent: 0.35, fraction: 0.3 },
          { distancePercent: 0.7, fraction: 0.3 },
        ],
        trailingStop: { distancePercent: 0.5, activationPercent: 0.4 },
      };
      return signal;
    },
    onOpenInterval: (symbol, _when, signal) => {
      const position = getPosition(symbol);
      if (position === null) return;
      const sign = signal.position === "long" ? 1 : -1;
      const against = (sign * (signal.priceOpen - position.markPrice)) / signal.priceOpen;
      if (against >= 0.0025) commitAverageBuy(symbol);
    },
  };
}

/** How much of the model a set of closed trades exercised. */
export interface PositionCoverage {
  readonly trades: number;
  readonly ladderExits: number;
  readonly trailingMoves: number;
  readonly dcaEntries: number;
  /** Trades that had a ladder exit and a moved stop. */
  readonly partialAndMoved: number;
}

export function positionCoverage(trades: readonly ClosedResult[]): PositionCoverage {
  let ladderExits = 0;
  let trailingMoves = 0;
  let dcaEntries = 0;
  let partialAndMoved = 0;
  for (const { signal } of trades) {
    const ladder = signal.exits.filter((fill) => fill.reason === "take_profit_ladder").length;
    const moves = signal.levelChanges.filter((change) => change.cause === "trailing_stop").length;
    ladderExits += ladder;
    trailingMoves += moves;
    dcaEntries += signal.entries.filter((fill) => fill.reason === "average_buy").length;
    if (ladder > 0 && moves > 0) partialAndMoved += 1;
  }
  return { trades: trades.length, ladderExits, trailingMoves, dcaEntries, partialAndMoved };
}

function openSignal(state: LiveState | null) {
  return state?.runner.phase === "opened" ? (state.runner.signal ?? undefined) : undefined;
}

/** True when a stored state holds an open position that has had a partial exit and a moved stop. */
export function hasPartialAndMovedStop(state: LiveState | null): boolean {
  const signal = openSignal(state);
  return signal !== undefined && signal.exits.length > 0 && signal.levelChanges.length > 0;
}

/** True when a stored state holds an open position with a DCA add. */
export function hasDcaAdd(state: LiveState | null): boolean {
  return openSignal(state)?.entries.some((fill) => fill.reason === "average_buy") ?? false;
}

/**
 * What a state says about the position and the account, hashed: equal hashes, equal fills, levels, ladder, basis
 * and ledger. Keys are sorted first: a restored row is rebuilt by the state's schema, which orders keys its own way.
 */
export function stateHash(state: LiveState): string {
  return createHash("sha256")
    .update(canonicalJson({ runner: state.runner, account: state.account }))
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
