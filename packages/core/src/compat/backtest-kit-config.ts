import type { CandlewickConfig } from "../config/candlewick-config.js";

/**
 * A config preset under which a backtest reproduces backtest-kit 19.5's trades: entries, exits, close reasons,
 * prices and PnL. Use it to compare results with that library or to port a strategy from it; keep the default
 * `candle` fill model for decisions, since these rules are optimistic in places (architecture/decisions.md,
 * "backtest-kit compatibility preset", lists every rule and every remaining difference).
 *
 * - `fillModel: "backtest-kit"`: stop-loss on the candle's wick, take-profit and expiry on the VWAP of the last
 *   5 1m candles including the current one, limit entries on the wick (a candle touching limit and stop cancels),
 *   decisions stamped with the candle's open time and the next signal asked a minute later.
 * - fee and slippage 0.1% per side, `getAveragePrice` over 5 candles, a 120-minute limit wait (backtest-kit's
 *   defaults, which are also Candlewick's; restated so a changed process-wide config does not leak in).
 * - a limit already reached opens at its own price; the strategy is asked at the first idle tick of any interval;
 *   the frame's end date is its last tick, and what is still open after it is closed there;
 * - prices: as the strategy wrote them, not rounded to the market's precision.
 *
 * @example
 * ```ts
 * Backtest.run("BTCUSDT", { strategyName, exchangeName, frameName, config: backtestKitConfig });
 * ```
 */
export const backtestKitConfig: Readonly<Partial<CandlewickConfig>> = Object.freeze({
  fillModel: "backtest-kit",
  percentFee: 0.1,
  percentSlippage: 0.1,
  vwapCandles: 5,
  scheduleAwaitMinutes: 120,
  minTakeProfitDistancePercent: 0.5,
  minStopLossDistancePercent: 0.5,
  maxStopLossDistancePercent: 20,
  defaultSignalLifetimeMinutes: 1440,
  maxSignalLifetimeMinutes: 1440,
  marketableLimitPrice: "limit",
  intervalGate: "bucket",
  frameEndInclusive: true,
  closeAtFrameEnd: true,
  formatSignalPrices: false,
});
