import type { CandleStore } from "../../candles/candle-store.js";
import { closedOutcome } from "./closed-outcome.js";
import {
  type FillModelScanner,
  MINUTE_MS,
  type OpenedView,
  PENDING,
  type ScanOutcome,
  type ScheduledView,
} from "./scan-types.js";

/**
 * The default fill model. Every closed 1m candle's high and low are checked against the levels:
 * a candle that opens beyond a level (a gap) fills at its open; a touch fills at the level; when one candle
 * touches both take-profit and stop-loss the stop wins (we cannot know which came first, so we assume the worst).
 * A limit entry fills at its price on a touch, or at the open when the market gaps through it; a candle that
 * opens beyond the stop before the entry was reached cancels the signal (`price_reject`).
 */
export const candleFillModel: FillModelScanner = {
  decisionDelayMs: 0,

  marketPrice(store, closedEnd) {
    return closedEnd > 0 ? store.close[closedEnd - 1]! : Number.NaN;
  },

  expiryPrice(store, closedEnd) {
    return closedEnd > 0 ? store.close[closedEnd - 1]! : Number.NaN;
  },

  scanScheduled(store: CandleStore, from: number, end: number, view: ScheduledView): ScanOutcome {
    const { timestamp, open, high, low } = store;
    const { isLong, priceOpen, priceStopLoss, cancelAt } = view;
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      if (ts >= cancelAt) return { kind: "cancelled", reason: "timeout", timestamp: cancelAt };
      const o = open[i]!;
      if (isLong) {
        if (o <= priceStopLoss)
          return { kind: "cancelled", reason: "price_reject", timestamp: ts + MINUTE_MS };
        if (o <= priceOpen)
          return {
            kind: "activated",
            price: o,
            timestamp: ts,
            knownAt: ts + MINUTE_MS,
            resumeAt: ts,
            firstCandle: "full",
          };
        if (low[i]! <= priceOpen) {
          return {
            kind: "activated",
            price: priceOpen,
            timestamp: ts,
            knownAt: ts + MINUTE_MS,
            resumeAt: ts,
            firstCandle: "stop-only",
          };
        }
      } else {
        if (o >= priceStopLoss)
          return { kind: "cancelled", reason: "price_reject", timestamp: ts + MINUTE_MS };
        if (o >= priceOpen)
          return {
            kind: "activated",
            price: o,
            timestamp: ts,
            knownAt: ts + MINUTE_MS,
            resumeAt: ts,
            firstCandle: "full",
          };
        if (high[i]! >= priceOpen) {
          return {
            kind: "activated",
            price: priceOpen,
            timestamp: ts,
            knownAt: ts + MINUTE_MS,
            resumeAt: ts,
            firstCandle: "stop-only",
          };
        }
      }
    }
    return PENDING;
  },

  scanOpened(store: CandleStore, from: number, end: number, view: OpenedView): ScanOutcome {
    const { timestamp, open, high, low, close: closes } = store;
    const { isLong, priceTakeProfit: tp, priceStopLoss: sl, expiresAt, extremes } = view;
    let stopOnly = view.firstCandle === "stop-only";
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      if (ts >= expiresAt) {
        return closedOutcome("time_expired", i > 0 ? closes[i - 1]! : open[i]!, expiresAt, extremes, isLong);
      }
      const o = open[i]!;
      const h = high[i]!;
      const l = low[i]!;
      const decidedAt = ts + MINUTE_MS;
      if (isLong) {
        if (!stopOnly) {
          if (o <= sl) return closedOutcome("stop_loss", o, decidedAt, extremes, true);
          if (o >= tp) return closedOutcome("take_profit", o, decidedAt, extremes, true);
        }
        if (l <= sl) return closedOutcome("stop_loss", sl, decidedAt, extremes, true);
        if (!stopOnly && h >= tp) return closedOutcome("take_profit", tp, decidedAt, extremes, true);
        if (!stopOnly && h > extremes.best) extremes.best = h;
        if (l < extremes.worst) extremes.worst = l;
      } else {
        if (!stopOnly) {
          if (o >= sl) return closedOutcome("stop_loss", o, decidedAt, extremes, false);
          if (o <= tp) return closedOutcome("take_profit", o, decidedAt, extremes, false);
        }
        if (h >= sl) return closedOutcome("stop_loss", sl, decidedAt, extremes, false);
        if (!stopOnly && l <= tp) return closedOutcome("take_profit", tp, decidedAt, extremes, false);
        if (!stopOnly && l < extremes.best) extremes.best = l;
        if (h > extremes.worst) extremes.worst = h;
      }
      stopOnly = false;
    }
    return PENDING;
  },
};
