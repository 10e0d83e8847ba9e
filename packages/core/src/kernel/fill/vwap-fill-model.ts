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
 * The seed's VWAP rule (backtest-kit's own rules are `backtestKitFillModel`): once a minute, the VWAP of the last
 * `vwapCandles` closed 1m candles is compared with the levels and a hit fills exactly at the level; expiry
 * closes at that VWAP. Wicks that the average does not cross are ignored, and a limit entry whose stop the
 * average crosses first is cancelled (`price_reject`) — both optimistic, which is why `candle` is the default.
 */
export const vwapFillModel: FillModelScanner = {
  decisionDelayMs: 0,

  marketPrice(store, closedEnd, vwapCandles) {
    return vwapOf(store, closedEnd, vwapCandles);
  },

  expiryPrice(store, closedEnd, vwapCandles) {
    return vwapOf(store, closedEnd, vwapCandles);
  },

  scanScheduled(
    store: CandleStore,
    from: number,
    end: number,
    view: ScheduledView,
    vwapCandles: number,
  ): ScanOutcome {
    const { timestamp } = store;
    const { isLong, priceOpen, priceStopLoss, cancelAt } = view;
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      if (ts >= cancelAt) return { kind: "cancelled", reason: "timeout", timestamp: cancelAt };
      const vwap = vwapOf(store, i + 1, vwapCandles);
      const decidedAt = ts + MINUTE_MS;
      if (isLong ? vwap <= priceStopLoss : vwap >= priceStopLoss) {
        return { kind: "cancelled", reason: "price_reject", timestamp: decidedAt };
      }
      if (isLong ? vwap <= priceOpen : vwap >= priceOpen) {
        return {
          kind: "activated",
          price: priceOpen,
          timestamp: decidedAt,
          knownAt: decidedAt,
          resumeAt: decidedAt,
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
    const { timestamp } = store;
    const { isLong, priceTakeProfit: tp, priceStopLoss: sl, expiresAt, extremes } = view;
    for (let i = from; i < end; i++) {
      const ts = timestamp[i]!;
      if (ts >= expiresAt)
        return closedOutcome("time_expired", vwapOf(store, i, vwapCandles), expiresAt, extremes, isLong);
      const vwap = vwapOf(store, i + 1, vwapCandles);
      const decidedAt = ts + MINUTE_MS;
      if (isLong) {
        if (vwap >= tp) return closedOutcome("take_profit", tp, decidedAt, extremes, true);
        if (vwap <= sl) return closedOutcome("stop_loss", sl, decidedAt, extremes, true);
        if (vwap > extremes.best) extremes.best = vwap;
        if (vwap < extremes.worst) extremes.worst = vwap;
      } else {
        if (vwap <= tp) return closedOutcome("take_profit", tp, decidedAt, extremes, false);
        if (vwap >= sl) return closedOutcome("stop_loss", sl, decidedAt, extremes, false);
        if (vwap < extremes.best) extremes.best = vwap;
        if (vwap > extremes.worst) extremes.worst = vwap;
      }
    }
    return PENDING;
  },
};
