import { InvalidArgumentError } from "@candlewick/core";
import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA, StochasticOscillator } from "trading-signals";
import { defineIndicator, type HighLowClose, type IndicatorRecipe } from "./indicator-recipe.js";

/** MACD line, its signal line and their difference. */
export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

/** Bollinger Bands: the moving average and the bands `deviation` standard deviations around it. */
export interface BandsValue {
  readonly lower: number;
  readonly middle: number;
  readonly upper: number;
}

/** Stochastic oscillator lines, 0..100: %K (slowed) and its moving average %D. */
export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

function period(component: string, field: string, value: unknown, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > 100_000) {
    throw new InvalidArgumentError(component, field, value, `a whole number from ${min} to 100000`);
  }
  return value;
}

/**
 * Recipes of the built-in indicators, all computed by the `trading-signals` library (streaming: each closed
 * candle is added once, nothing is recomputed). Use them with `ctx.indicators.stream(recipe)` or
 * {@link computeIndicator}; `ctx.indicators.ema(20)` and friends are shortcuts for the same recipes.
 *
 * - `sma`, `ema`: simple and exponential moving averages of a price.
 * - `rsi`: relative strength index, 0..100, Wilder smoothing.
 * - `macd`: EMA(fast) − EMA(slow) and its EMA(signal).
 * - `bollingerBands`: SMA(period) ± deviation × standard deviation.
 * - `atr`: average true range (Wilder smoothing), from high, low and close.
 * - `adx`: average directional index, 0..100, trend strength from high, low and close.
 * - `stochastic`: %K over `k` candles slowed by `kSlowing`, and %D = SMA(d) of it.
 */
export const indicator = {
  sma(length: number): IndicatorRecipe<number> {
    const n = period("indicator.sma", "period", length);
    return defineIndicator({ key: `sma(${n})`, input: "price", create: () => new SMA(n) });
  },

  ema(length: number): IndicatorRecipe<number> {
    const n = period("indicator.ema", "period", length);
    return defineIndicator({ key: `ema(${n})`, input: "price", create: () => new EMA(n) });
  },

  rsi(length: number): IndicatorRecipe<number> {
    const n = period("indicator.rsi", "period", length, 2);
    return defineIndicator({ key: `rsi(${n})`, input: "price", create: () => new RSI(n) });
  },

  macd(options: { fast: number; slow: number; signal: number }): IndicatorRecipe<MacdValue> {
    const fast = period("indicator.macd", "fast", options?.fast);
    const slow = period("indicator.macd", "slow", options.slow, 2);
    const signal = period("indicator.macd", "signal", options.signal);
    if (fast >= slow) {
      throw new InvalidArgumentError("indicator.macd", "fast", fast, `a period shorter than slow (${slow})`);
    }
    return defineIndicator({
      key: `macd(${fast},${slow},${signal})`,
      input: "price",
      create: () => new MACD(new EMA(fast), new EMA(slow), new EMA(signal)),
      map: (raw: { macd: number; signal: number; histogram: number }): MacdValue => ({
        macd: raw.macd,
        signal: raw.signal,
        histogram: raw.histogram,
      }),
    });
  },

  bollingerBands(length: number, deviation = 2): IndicatorRecipe<BandsValue> {
    const n = period("indicator.bollingerBands", "period", length, 2);
    if (typeof deviation !== "number" || !Number.isFinite(deviation) || deviation <= 0) {
      throw new InvalidArgumentError("indicator.bollingerBands", "deviation", deviation, "a number > 0");
    }
    return defineIndicator({
      key: `bollingerBands(${n},${deviation})`,
      input: "price",
      create: () => new BollingerBands(n, deviation),
    });
  },

  atr(length: number): IndicatorRecipe<number> {
    const n = period("indicator.atr", "period", length);
    return defineIndicator({ key: `atr(${n})`, input: "candle", create: () => new ATR(n) });
  },

  adx(length: number): IndicatorRecipe<number> {
    const n = period("indicator.adx", "period", length);
    return defineIndicator({ key: `adx(${n})`, input: "candle", create: () => new ADX(n) });
  },

  stochastic(options: { k: number; kSlowing: number; d: number }): IndicatorRecipe<StochasticValue> {
    const k = period("indicator.stochastic", "k", options?.k);
    const kSlowing = period("indicator.stochastic", "kSlowing", options.kSlowing);
    const d = period("indicator.stochastic", "d", options.d);
    return defineIndicator({
      key: `stochastic(${k},${kSlowing},${d})`,
      input: "candle",
      create: () => new StochasticOscillator({ kPeriod: k, kSlowingPeriod: kSlowing, dPeriod: d }),
      map: (raw: { stochK: number; stochD: number }): StochasticValue => ({ k: raw.stochK, d: raw.stochD }),
    });
  },
} as const;

export type { HighLowClose };
