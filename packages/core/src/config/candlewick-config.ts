import { z } from "zod";

import { sizingSchema } from "../sizing/sizing-schema.js";
import type { FillModel } from "../spec/fill-model.js";
import type { Sizing } from "../spec/sizing.js";

export type { FillModel };

/**
 * Every trading default an engine uses. Set per engine with `setConfig`, or per run with the `config`
 * field of `Backtest.run` / `Live.run` (two runs with different fees can coexist in one engine).
 */
export interface CandlewickConfig {
  /** Fee per side, in percent of the traded value. Default 0.1. */
  readonly percentFee: number;
  /** Slippage per side, in percent of the price, always against you. Default 0.1. */
  readonly percentSlippage: number;
  /**
   * `"candle"` (default): each closed 1m candle's high/low is checked against TP and SL; a gap through a level
   * fills at the candle's open; when one candle touches both, the stop wins. `"vwap"`: the VWAP of the last
   * `vwapCandles` closed 1m candles is compared with TP/SL once a minute and fills at the level. `"backtest-kit"`:
   * backtest-kit's own rules (stop on the wick, take-profit on the VWAP, limits on the wick), used by
   * `backtestKitConfig`; see architecture/semantics.md.
   */
  readonly fillModel: FillModel;
  /** Number of closed 1m candles in `getAveragePrice` and in the vwap fill model. Default 5. */
  readonly vwapCandles: number;
  /** How long a scheduled (limit) entry waits for its price before it is cancelled (`timeout`). Default 120. */
  readonly scheduleAwaitMinutes: number;
  /** Lifetime of a signal that sets no `minuteEstimatedTime`. Default 1440 (one day). */
  readonly defaultSignalLifetimeMinutes: number;
  /** Largest accepted `minuteEstimatedTime`. Default 1440. */
  readonly maxSignalLifetimeMinutes: number;
  /**
   * Smallest accepted distance between entry and take-profit, in percent. Default 0.5. The engine never accepts
   * less than the round-trip cost (2 × (fee + slippage)): such a take-profit loses money when it is hit.
   */
  readonly minTakeProfitDistancePercent: number;
  /** Smallest accepted distance between entry and stop-loss, in percent. Default 0.5. */
  readonly minStopLossDistancePercent: number;
  /** Largest accepted distance between entry and stop-loss, in percent. Default 20. */
  readonly maxStopLossDistancePercent: number;
  /**
   * A limit (`priceOpen`) the market has already reached when the signal arrives opens at once: at the market
   * price (`"market"`, default: what a marketable limit order does) or at `priceOpen` itself (`"limit"`, as
   * backtest-kit does; TP/SL distances are then measured from `priceOpen`, and the market price must lie strictly
   * between stop and take-profit).
   */
  readonly marketableLimitPrice: "market" | "limit";
  /**
   * When an idle strategy is asked for a signal. `"boundary"` (default): at the first tick at or after each
   * strategy-interval boundary that passed while idle (a 15m strategy is asked at :00, :15 …, never at :37).
   * `"bucket"`: at the first idle tick of every interval it has not been asked in yet, so right after a close
   * mid-interval, and at a mid-interval first tick (backtest-kit).
   */
  readonly intervalGate: "boundary" | "bucket";
  /**
   * Backtests: the frame's `endDate` is its last tick (`true`, backtest-kit) rather than an exclusive end
   * (`false`, default).
   */
  readonly frameEndInclusive: boolean;
  /**
   * Backtests: a signal still open after the frame's last tick closes (`time_expired`, at the fill model's expiry
   * price) on the first 1m candle past that tick, and a scheduled one is cancelled (`timeout`) there (`true`,
   * backtest-kit). `false` (default): it runs on over the candles after the frame until its own exit.
   */
  readonly closeAtFrameEnd: boolean;
  /**
   * Longest an asynchronous `getSignal` may take, in ms, before the call is abandoned and reported as an error
   * naming the strategy, symbol and time (no signal at that tick; the run goes on). Default 30000.
   */
  readonly getSignalTimeoutMs: number;
  /**
   * Longest one page request to an exchange's `getCandles` may take, in ms, before it fails with a retryable
   * `ExchangeError` naming the exchange, symbol and time. Default 60000.
   */
  readonly getCandlesTimeoutMs: number;
  /**
   * How large a position is when neither the signal (`cost` / `quantity`) nor the strategy (`sizing`) says.
   * Default `{ kind: "fixed-cost", cost: 100 }`: 100 quote currency per entry, backtest-kit's
   * `CC_POSITION_ENTRY_COST`. A `risk` fraction lies in (0, 1]; an `equity-fraction` in (0, 100] (above 1 is
   * leverage, which passes the cash check only with `allowMargin`).
   */
  readonly sizing: Sizing;
  /** Cash the account starts with, in quote currency (what equity, sizing and cash checks start from). Default 10000. */
  readonly initialCapital: number;
  /**
   * Whether an entry may cost more than the cash left. `false` (default): such an entry is rejected (a risk
   * rejection with rule `cash`), so cash never goes negative. `true`: cash may go negative (borrowed).
   */
  readonly allowMargin: boolean;
  /**
   * Whether a signal's take-profit, stop-loss and limit entry are rounded to the market's price precision with the
   * exchange's `formatPrice` before the entry is sized, as an order on the venue would be. `true` (default);
   * `false` in `backtestKitConfig`, which keeps prices as the strategy wrote them.
   */
  readonly formatSignalPrices: boolean;
}

/** The defaults, frozen. */
export const DEFAULT_CONFIG: CandlewickConfig = Object.freeze({
  percentFee: 0.1,
  percentSlippage: 0.1,
  fillModel: "candle",
  vwapCandles: 5,
  scheduleAwaitMinutes: 120,
  defaultSignalLifetimeMinutes: 1440,
  maxSignalLifetimeMinutes: 1440,
  minTakeProfitDistancePercent: 0.5,
  minStopLossDistancePercent: 0.5,
  maxStopLossDistancePercent: 20,
  marketableLimitPrice: "market",
  intervalGate: "boundary",
  frameEndInclusive: false,
  closeAtFrameEnd: false,
  getSignalTimeoutMs: 30_000,
  getCandlesTimeoutMs: 60_000,
  sizing: Object.freeze({ kind: "fixed-cost", cost: 100 }),
  initialCapital: 10_000,
  allowMargin: false,
  formatSignalPrices: true,
});

const percent = z.number().finite().min(0).max(100);
const minutes = z.number().int().positive();
/** setTimeout's largest delay is 2^31 − 1 ms (about 24.8 days); a longer one would fire at once. */
const timeoutMs = z.number().int().min(1).max(2_147_483_647);

/** zod schema of a partial config, strict so a misspelt key is an error rather than ignored. */
export const configPatchSchema = z
  .object({
    percentFee: percent,
    percentSlippage: percent,
    fillModel: z.enum(["candle", "vwap", "backtest-kit"]),
    vwapCandles: z.number().int().min(1).max(1000),
    scheduleAwaitMinutes: minutes,
    defaultSignalLifetimeMinutes: minutes,
    maxSignalLifetimeMinutes: minutes,
    minTakeProfitDistancePercent: percent,
    minStopLossDistancePercent: percent,
    maxStopLossDistancePercent: percent,
    marketableLimitPrice: z.enum(["market", "limit"]),
    intervalGate: z.enum(["boundary", "bucket"]),
    frameEndInclusive: z.boolean(),
    closeAtFrameEnd: z.boolean(),
    getSignalTimeoutMs: timeoutMs,
    getCandlesTimeoutMs: timeoutMs,
    sizing: sizingSchema,
    initialCapital: z
      .number("a positive finite amount of quote currency")
      .finite("a positive finite amount of quote currency")
      .positive("a positive finite amount of quote currency"),
    allowMargin: z.boolean(),
    formatSignalPrices: z.boolean(),
  })
  .partial()
  .strict();
