/**
 * The scenario shared by the crash child (child.ts) and the tests that kill it: one strategy that trades often
 * on real BTCUSDT 1m candles, with market and scheduled (limit) entries, take-profit / stop-loss / expiry exits
 * and scheduled entries that time out, so every lifecycle phase is crossed many times in a few replayed hours.
 */
import { fileURLToPath } from "node:url";
import {
  type CandlewickConfig,
  getCandles,
  type JsonValue,
  type LiveResult,
  type LiveState,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";

/** The real candles of the aligned 2026-03 set (BTC/ETH/SOL, 30 days of 1m). */
export const DATA_DIR = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));

export const SYMBOL = "BTCUSDT";
export const CRASH_STRATEGY = "crash-strategy";
/** The replay exchange's registered name: part of every signal id and of the persisted state. */
export const EXCHANGE_NAME = "crash-replay";

/** The replayed window: 2026-04-01 00:00 → 2026-04-02 12:00 UTC, 2160 one-minute ticks. */
export const WINDOW_START = Date.UTC(2026, 3, 1, 0, 0);
export const WINDOW_END = Date.UTC(2026, 3, 2, 12, 0);

/** Scheduled entries wait 6 minutes at most, so some are cancelled (`timeout`). */
export const CRASH_CONFIG: Partial<CandlewickConfig> = { scheduleAwaitMinutes: 6 };

/**
 * Asked every minute while idle: goes with the last 10 minutes' move, alternating market entries (even minutes)
 * and limit entries 0.08% better than the last close (odd minutes). TP/SL at ±0.55%, 20-minute lifetime. It
 * sits out the first 10 minutes of every half hour, so the runs are idle for a while now and then too.
 */
export function crashStrategy(strategyName: string): StrategySchema {
  return {
    strategyName,
    interval: "1m",
    getSignal: async (symbol, when) => {
      if (when.getUTCMinutes() % 30 < 10) return null;
      const candles = await getCandles(symbol, "1m", 11);
      if (candles.length < 11) return null;
      const first = candles[0]!.close;
      const last = candles[candles.length - 1]!.close;
      const move = (last - first) / first;
      if (Math.abs(move) < 0.0004) return null;
      const long = move > 0;
      const limit = when.getUTCMinutes() % 2 === 1;
      const entry = limit ? last * (long ? 0.9992 : 1.0008) : last;
      const signal: SignalDto = {
        position: long ? "long" : "short",
        priceTakeProfit: entry * (long ? 1.0055 : 0.9945),
        priceStopLoss: entry * (long ? 0.9945 : 1.0055),
        minuteEstimatedTime: 20,
        ...(limit ? { priceOpen: entry } : {}),
      };
      return signal;
    },
  };
}

/**
 * The virtual time a persisted state was written at: the last tick it reflects. While a signal is scheduled or
 * open every tick moves `scanFrom` to that tick; while idle every tick (the strategy interval is 1m) asks the
 * strategy and moves `lastSignalBucket` to it. A restarted replay starting there re-runs no tick that changed
 * the state, so it continues exactly where the killed process stopped: zero downtime, the same history.
 */
export function stateTime(state: LiveState): number {
  return Math.max(state.runner.scanFrom, state.runner.lastSignalBucket ?? Number.NEGATIVE_INFINITY);
}

/** What the tests compare of a live result: everything that identifies it and its outcome. */
export interface EventRecord {
  readonly action: LiveResult["action"];
  readonly id: string;
  readonly position: string;
  readonly timestamp: number;
  readonly currentPrice: number;
  readonly priceOpen: number;
  readonly scheduledAt: number;
  readonly pendingAt: number;
  readonly closeReason?: string;
  readonly cancelReason?: string;
  readonly closeTimestamp?: number;
  readonly pnlPercentage?: number;
  readonly priceClose?: number;
}

export function toRecord(result: LiveResult): EventRecord {
  const base = {
    action: result.action,
    id: result.signal.id,
    position: result.signal.position,
    timestamp: result.timestamp,
    currentPrice: result.currentPrice,
    priceOpen: result.signal.priceOpen,
    scheduledAt: result.signal.scheduledAt,
    pendingAt: result.signal.pendingAt,
  };
  if (result.action === "closed") {
    return {
      ...base,
      closeReason: result.closeReason,
      closeTimestamp: result.closeTimestamp,
      pnlPercentage: result.pnl.pnlPercentage,
      priceClose: result.pnl.priceClose,
    };
  }
  if (result.action === "cancelled") {
    return { ...base, cancelReason: result.cancelReason, closeTimestamp: result.closeTimestamp };
  }
  return base;
}

/** The state as stored, checked for the v1 shape (the engine's own check runs again in the child). */
export function asLiveState(value: JsonValue): LiveState {
  const state = value as unknown as LiveState;
  if (
    state === null ||
    typeof state !== "object" ||
    state.version !== 1 ||
    !["idle", "scheduled", "opened"].includes(state.runner?.phase) ||
    !Array.isArray(state.outbox)
  ) {
    throw new Error(`not a v1 live state: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return state;
}
