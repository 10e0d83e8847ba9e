import type { CandleStore } from "../../candles/candle-store.js";
import { vwapOf } from "../vwap.js";
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
 * backtest-kit 19.5's backtest fill rules, for `backtestKitConfig` (architecture/semantics.md, "backtest-kit
 * compatibility"). Each 1m candle is judged with the VWAP of the last `vwapCandles` candles *including itself*,
 * and a decision is stamped with that candle's open time (so it uses a candle that has not closed at its stamp —
 * backtest-kit's convention, reproduced, not endorsed):
 * - open position: lifetime over (stamp − pendingAt ≥ minuteEstimatedTime) → `time_expired` at the VWAP; else the
 *   candle's low (long) / high (short) touching the stop → `stop_loss` at the stop; else the VWAP reaching the
 *   take-profit → `take_profit` at the take-profit. Stop on the wick, profit on the average.
 * - limit entry: the wait over → `timeout`; else low (long) / high (short) touching the stop → `price_reject`
 *   (also when the same candle touched the limit); else touching the limit → opened at the limit, stamped with
 *   that candle, and the open position is judged from the next candle on.
 * Market entries and the fallback expiry price are the VWAP of the candles closed by then, as in `vwap`.
 */
export const backtestKitFillModel: FillModelScanner = {
  decisionDelayMs: MINUTE_MS,

  marketPrice(store, closedEnd, vwapCandles) {
    return vwapOf(store, closedEnd, vwapCandles);
  },

  expiryPrice(store, closedEnd, vwapCandles) {
    return vwapOf(store, closedEnd, vwapCandles);
  },

  scanScheduled(store: CandleStore, from: number, end: number, view: ScheduledView): ScanOutcome {
    const { timestamp, high, low } = store;
    const { isLong, priceOpen, priceStopLoss, cancelAt } = view;
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      if (ts >= cancelAt) return { kind: "cancelled", reason: "timeout", timestamp: ts };
      const touchedStop = isLong ? low[i]! <= priceStopLoss : high[i]! >= priceStopLoss;
      if (touchedStop) return { kind: "cancelled", reason: "price_reject", timestamp: ts };
      const touchedEntry = isLong ? low[i]! <= priceOpen : high[i]! >= priceOpen;
      if (touchedEntry) {
        return {
          kind: "activated",
          price: priceOpen,
          timestamp: ts,
          knownAt: ts + MINUTE_MS,
          resumeAt: ts + MINUTE_MS,
          firstCandle: "full",
        };
      }
    }
    return PENDING;
  },

  scanOpened(
    store: CandleStore,
    from: number,
    end: number,
    view: OpenedView,
    vwapCandles: number,
  ): ScanOutcome {
    const { timestamp, high, low } = store;
    const { isLong, priceTakeProfit: tp, priceStopLoss: sl, expiresAt, extremes } = view;
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      const vwap = vwapOf(store, i + 1, vwapCandles);
      if (ts >= expiresAt) return closedOutcome("time_expired", vwap, ts, extremes, isLong);
      if (isLong) {
        if (low[i]! <= sl) return closedOutcome("stop_loss", sl, ts, extremes, true);
        if (vwap >= tp) return closedOutcome("take_profit", tp, ts, extremes, true);
        if (vwap > extremes.best) extremes.best = vwap;
        if (vwap < extremes.worst) extremes.worst = vwap;
      } else {
        if (high[i]! >= sl) return closedOutcome("stop_loss", sl, ts, extremes, false);
        if (vwap <= tp) return closedOutcome("take_profit", tp, ts, extremes, false);
        if (vwap < extremes.best) extremes.best = vwap;
        if (vwap > extremes.worst) extremes.worst = vwap;
      }
    }
    return PENDING;
  },
};
