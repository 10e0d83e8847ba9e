/**
 * The order-flow crash scenario, shared by the child (order-child.ts) and the tests that kill it: the position
 * model's strategy (position-scenario.ts: entries, a two-rung take-profit ladder, a trailing stop, DCA adds, a
 * `maxExposure` risk refusing some) live on a replay of real BTCUSDT 1m candles, every fill of it an order through
 * `@candlewick/broker-ccxt` and ccxt.binance to the loopback venue emulator. Also the kill points: where in the
 * order flow a child may be stopped, by kind.
 */
import { fileURLToPath } from "node:url";
import {
  commitAverageBuy,
  getCandles,
  getPosition,
  type LiveState,
  type OrderIntent,
  type RiskSchema,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";

export const ORDER_STRATEGY = "order-crash";
export const ORDER_RISK = "order-crash-risk";
export const ORDER_SYMBOL = "BTCUSDT";
/** The replay exchange's name (part of every signal id, hence of every client order id). */
export const ORDER_EXCHANGE = "order-crash-replay";
/** This deployment's client order id prefix: reconciliation cancels open orders that carry it and it cannot explain. */
export const ORDER_PREFIX = "cwx";

/** The same 1m candles feed the run's replay and the venue's matching engine. */
export const ORDER_CANDLES = fileURLToPath(
  new URL("../../../data/candles/sets/spot-2026-03/BTCUSDT-1m.csv.gz", import.meta.url),
);

/** A position lives at most this long. */
export const ORDER_LIFETIME_MINUTES = 20;

/**
 * One replayed window of the scenario: the replay (and the venue) start at `start`, new signals until
 * `signalsEnd`, and every position has closed by `end`. Each chain runs on one window with a venue of its own: a
 * restarted process looks up every order of the venue's recent fills once (Binance's trades carry only the
 * venue's order id), so a chain is kept to a few hours of orders, and a test runs several windows.
 */
export interface OrderWindow {
  readonly start: number;
  readonly signalsEnd: number;
  readonly end: number;
}

/** Hours of signals per window. */
export const WINDOW_HOURS = 6;

/** The n-th window: 6-hour windows from 2026-03-24 00:00 UTC, back to back. */
export function orderWindow(n: number): OrderWindow {
  const start = Date.UTC(2026, 2, 24, 0, 0) + n * WINDOW_HOURS * 3_600_000;
  const signalsEnd = start + WINDOW_HOURS * 3_600_000 - 30 * 60_000;
  return { start, signalsEnd, end: signalsEnd + (ORDER_LIFETIME_MINUTES + 10) * 60_000 };
}

/** The venue's test credentials (loopback only; the emulator accepts exactly these). */
export const VENUE_API_KEY = "orderCrashKey7c1e";
export const VENUE_SECRET = "order-crash-secret-0b9d";
/** What the venue account starts with: the spot short sells BTC it holds, the long buys with USDT. */
export const VENUE_BALANCES = { USDT: "10000", BTC: "1" } as const;

/** Fixed-cost entries of 100 (the default sizing): an entry and one DCA add fit, a second add does not. */
export function orderRisk(): RiskSchema {
  return { riskName: ORDER_RISK, maxExposure: 250 };
}

/**
 * A busy 1m strategy, so a few replayed hours hold hundreds of orders of every leg: idle, it goes with the last 10
 * minutes' move (at least 0.03%), TP 0.6%, SL 0.55%, a two-rung take-profit ladder (30% at +0.1%, 30% at +0.2%),
 * a trailing stop 0.15% behind the best price once it moved 0.15%, at most 20 minutes; open, it adds 100 at the
 * market when the price is 0.06% or more against the average entry (the risk refuses a second add).
 */
export function orderStrategy(window: OrderWindow): StrategySchema {
  return {
    strategyName: ORDER_STRATEGY,
    interval: "1m",
    riskName: ORDER_RISK,
    getSignal: async (symbol, when) => {
      if (when.getTime() >= window.signalsEnd) return null;
      const candles = await getCandles(symbol, "1m", 11);
      if (candles.length < 11) return null;
      const first = candles[0]!.close;
      const last = candles[candles.length - 1]!.close;
      const move = (last - first) / first;
      if (Math.abs(move) < 0.0003) return null;
      const long = move > 0;
      const sign = long ? 1 : -1;
      const signal: SignalDto = {
        position: long ? "long" : "short",
        priceTakeProfit: last * (1 + sign * 0.006),
        priceStopLoss: last * (1 - sign * 0.0055),
        minuteEstimatedTime: ORDER_LIFETIME_MINUTES,
        takeProfitLadder: [
          { distancePercent: 0.1, fraction: 0.3 },
          { distancePercent: 0.2, fraction: 0.3 },
        ],
        trailingStop: { distancePercent: 0.15, activationPercent: 0.15 },
      };
      return signal;
    },
    onOpenInterval: (symbol, _when, signal) => {
      const position = getPosition(symbol);
      if (position === null) return;
      const sign = signal.position === "long" ? 1 : -1;
      const against = (sign * (signal.priceOpen - position.markPrice)) / signal.priceOpen;
      if (against >= 0.0006) commitAverageBuy(symbol);
    },
  };
}

/**
 * Kinds of kill point. Every point is a boundary in the child's order flow, counted per child from its start:
 *
 * - `before-send`: right before a `createOrder` call, or right after a state write that added an intent or marked
 *   one `sent` (the order is decided and recorded; the venue has not seen it);
 * - `in-flight`: the venue has applied an order request (POST or DELETE `/api/v3/order`) and the answer is on its
 *   way back (held by the proxy while the test kills the child);
 * - `after-answer`: right after `createOrder` resolved, before the flow records the answer;
 * - `fills`: around `fetchFills` (before the call, after it before the fills are recorded) and right after a
 *   write that recorded an answer or fills;
 * - `cancel`: around `cancelOrder` (orphan cleanup today; a replaced resting stop once the flow rests stops) and
 *   right after a write that recorded a cancellation;
 * - `reconcile`: around the start-up reconciliation's lookups (`fetchOpenOrders`, `fetchOrder` by client id).
 */
export const KILL_KINDS = [
  "before-send",
  "in-flight",
  "after-answer",
  "fills",
  "cancel",
  "reconcile",
] as const;
export type KillKind = (typeof KILL_KINDS)[number];

/** The kind of a broker call boundary (`phase` before or after the call), or undefined for calls not in the flow. */
export function kindOfCall(method: string, phase: "before" | "after"): KillKind | undefined {
  switch (method) {
    case "createOrder":
      return phase === "before" ? "before-send" : "after-answer";
    case "cancelOrder":
      return "cancel";
    case "fetchFills":
      return "fills";
    case "fetchOrder":
    case "fetchOpenOrders":
      return "reconcile";
    default:
      return undefined;
  }
}

/** The kind of the point right after a state write, from how its order journal differs from the last one written. */
export function kindOfWrite(
  before: readonly OrderIntent[],
  after: readonly OrderIntent[],
): KillKind | undefined {
  const old = new Map(before.map((intent) => [intent.clientOrderId, intent]));
  let kind: KillKind | undefined;
  for (const intent of after) {
    const was = old.get(intent.clientOrderId);
    if (was === undefined || (intent.status === "sent" && was.status !== "sent")) return "before-send";
    if (intent.status === "cancelled" && was.status !== "cancelled") kind = "cancel";
    else if (intent.fills.length > was.fills.length || intent.status !== was.status) kind ??= "fills";
  }
  return kind;
}

/**
 * The virtual time a persisted state was written at: the last tick it reflects (see crash-scenario.ts's
 * `stateTime`). A restarted child replays from there, so its replay clock, and with it the venue's, go on
 * where the killed process was.
 */
export function orderStateTime(state: LiveState): number {
  return Math.max(state.runner.scanFrom, state.runner.lastSignalBucket ?? Number.NEGATIVE_INFINITY);
}
