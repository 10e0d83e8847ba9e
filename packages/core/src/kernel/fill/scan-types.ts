import type { CandleStore } from "../../candles/candle-store.js";
import type { CancelReason, CloseReason } from "../../spec/signal.js";

/** One minute, the resolution fills are decided at. */
export { MINUTE_MS } from "../../candles/interval.js";

/**
 * How much of the first candle of an open position may be used: `"full"` (the position was open when the candle
 * opened) or `"stop-only"` (a limit filled inside this candle: whether the high came before the fill is unknown,
 * so only the stop is checked — the conservative reading).
 */
export type FirstCandle = "full" | "stop-only";

/** Best and worst raw prices seen while a position is open (for MFE/MAE and mark-to-market drawdown). */
export interface Extremes {
  best: number;
  worst: number;
}

/** A scheduled (limit) entry as the scanners see it. */
export interface ScheduledView {
  readonly isLong: boolean;
  readonly priceOpen: number;
  readonly priceStopLoss: number;
  /** Open time of the first candle past the wait (scheduledAt + scheduleAwaitMinutes). */
  readonly cancelAt: number;
}

/** An open position as the scanners see it. */
export interface OpenedView {
  readonly isLong: boolean;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  /** pendingAt + minuteEstimatedTime. */
  readonly expiresAt: number;
  readonly firstCandle: FirstCandle;
  readonly extremes: Extremes;
}

/** What a scan over a range of closed 1m candles found. */
export type ScanOutcome =
  | { readonly kind: "pending" }
  | {
      readonly kind: "activated";
      readonly price: number;
      /** The new pendingAt: the minute in which the entry filled. */
      readonly timestamp: number;
      /** When the fill is known (the close of the candle it happened in): the `opened` event's time. */
      readonly knownAt: number;
      /** Open time of the candle the open-position scan resumes at, and how much of it that scan may use. */
      readonly resumeAt: number;
      readonly firstCandle: FirstCandle;
    }
  | {
      readonly kind: "closed";
      readonly reason: CloseReason;
      readonly price: number;
      readonly timestamp: number;
    }
  | { readonly kind: "cancelled"; readonly reason: CancelReason; readonly timestamp: number };

/**
 * A fill model: pure, synchronous scans over the columnar 1m store, shared by backtest and live. `from`/`end`
 * are store indices; every candle in `[from, end)` has closed. Scans never allocate per candle.
 */
export interface FillModelScanner {
  /**
   * How long after an outcome's timestamp the candle it was decided on closes: 0 for models that stamp a decision
   * with that close, one minute for `backtest-kit`, which stamps it with the candle's open time. A backtest asks
   * for the next signal no earlier than `closeTimestamp + decisionDelayMs`.
   */
  readonly decisionDelayMs: number;
  /** The market price at a time when the candles `[0, closedEnd)` have closed: the entry of a market signal. */
  marketPrice(store: CandleStore, closedEnd: number, vwapCandles: number): number;
  /** The price a position expiring now closes at, the candles `[0, closedEnd)` having closed. */
  expiryPrice(store: CandleStore, closedEnd: number, vwapCandles: number): number;
  scanScheduled(
    store: CandleStore,
    from: number,
    end: number,
    view: ScheduledView,
    vwapCandles: number,
  ): ScanOutcome;
  scanOpened(
    store: CandleStore,
    from: number,
    end: number,
    view: OpenedView,
    vwapCandles: number,
  ): ScanOutcome;
}

export const PENDING: ScanOutcome = Object.freeze({ kind: "pending" });
