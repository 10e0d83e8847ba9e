import { InvalidArgumentError } from "@candlewick/core";

/** One candle as the candle-based indicators (ATR, ADX, stochastic) read it. */
export interface HighLowClose {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** A live indicator instance: fed one input per closed candle, read at any time. */
export interface IndicatorInstance<Result, Input> {
  /** Feeds the next closed candle's input. */
  add(input: Input): void;
  /** The current value, or `null` while the indicator has not seen enough candles (not stable yet). */
  read(): Result | null;
}

/**
 * How to build one indicator: a stable `key` (same key = same indicator, so one stream per key and run), what it
 * is fed per candle (`"price"`: one number chosen by a {@link PriceSource}; `"candle"`: high, low and close),
 * how many inputs it needs before its first value, and a factory. Recipes for the built-in indicators come from
 * {@link indicator}; wrap any other `trading-signals` indicator with {@link defineIndicator}.
 */
export type IndicatorRecipe<Result> =
  | {
      readonly key: string;
      readonly input: "price";
      readonly requiredInputs: number;
      create(): IndicatorInstance<Result, number>;
    }
  | {
      readonly key: string;
      readonly input: "candle";
      readonly requiredInputs: number;
      create(): IndicatorInstance<Result, HighLowClose>;
    };

/** The minimal `trading-signals` indicator surface a recipe wraps. */
export interface TradingSignalsIndicator<Result, Input> {
  add(input: Input): unknown;
  getResult(): Result | null;
  getRequiredInputs(): number;
}

/**
 * A recipe for any `trading-signals` indicator (or anything with `add`, `getResult` and `getRequiredInputs`),
 * so strategies can stream indicators the sdk has no shortcut for. `key` must identify the indicator and its
 * settings, e.g. `"kama(10,2,30)"`.
 *
 * @example
 * const kama = defineIndicator({ key: "kama(10,2,30)", input: "price", create: () => new KAMA(10, 2, 30) });
 * const value = await ctx.indicators.stream(kama);
 */
export function defineIndicator<Result>(options: {
  key: string;
  input: "price";
  create: () => TradingSignalsIndicator<Result, number>;
  map?: undefined;
}): IndicatorRecipe<Result>;
export function defineIndicator<Result>(options: {
  key: string;
  input: "candle";
  create: () => TradingSignalsIndicator<Result, HighLowClose>;
  map?: undefined;
}): IndicatorRecipe<Result>;
export function defineIndicator<Raw, Result>(options: {
  key: string;
  input: "price" | "candle";
  create: () => TradingSignalsIndicator<Raw, never>;
  map: (raw: Raw) => Result;
}): IndicatorRecipe<Result>;
export function defineIndicator(options: {
  key: string;
  input: "price" | "candle";
  create: () => TradingSignalsIndicator<unknown, never>;
  map?: (raw: unknown) => unknown;
}): IndicatorRecipe<unknown> {
  const { key, input, create, map } = options;
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidArgumentError("defineIndicator", "key", key, "a non-empty string");
  }
  if (input !== "price" && input !== "candle") {
    throw new InvalidArgumentError("defineIndicator", "input", input, '"price" or "candle"');
  }
  if (typeof create !== "function") {
    throw new InvalidArgumentError("defineIndicator", "create", create, "a function returning an indicator");
  }
  const requiredInputs = create().getRequiredInputs();
  const wrap = () => {
    const inner = create() as TradingSignalsIndicator<unknown, unknown>;
    return {
      add: (value: unknown) => {
        inner.add(value);
      },
      read: () => {
        const raw = inner.getResult();
        return raw === null || raw === undefined ? null : map ? map(raw) : raw;
      },
    };
  };
  return { key, input, requiredInputs, create: wrap } as IndicatorRecipe<unknown>;
}
