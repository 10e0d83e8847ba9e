import type { CandleInterval } from "@candlewick/core";
import {
  type IndicatorRecipe,
  indicator,
  type PriceSource,
  type StrategyContext,
  type StrategyDefinition,
  type StreamOptions,
} from "@candlewick/sdk";

/** One distinct indicator a strategy streamed through `ctx.indicators`, and when it asked for it. */
export interface IndicatorUse {
  /** `ema(21)`, with ` 4h` when not on the strategy's interval and ` high` for another price source. */
  readonly label: string;
  readonly recipe: IndicatorRecipe<unknown>;
  readonly interval: CandleInterval;
  readonly source: PriceSource;
  /** Closed candles the stream is fed on first use: the `warmup` option or the sdk's default. */
  readonly streamWarmup: number;
  /** Times (epoch ms) of the `getSignal` calls that read it, in order. */
  readonly times: number[];
}

const NAMED = ["sma", "ema", "rsi", "macd", "bollingerBands", "atr", "adx", "stochastic"] as const;
type Named = (typeof NAMED)[number];
/** Positional arguments before the options object, per method of `StreamingIndicators`. */
const ARITY: Readonly<Record<Named, number>> = {
  sma: 1,
  ema: 1,
  rsi: 1,
  macd: 1,
  bollingerBands: 2,
  atr: 1,
  adx: 1,
  stochastic: 1,
};

/**
 * The definition with its `getSignal` given a context whose `ctx.indicators` calls are recorded in `uses` (keyed
 * by label). Values and timing are untouched: the calls go through to the real streams.
 */
export function observingDefinition<Schema extends StrategyDefinition>(
  definition: Schema,
  uses: Map<string, IndicatorUse>,
): Schema {
  const getSignal: StrategyDefinition["getSignal"] = (ctx, params) =>
    definition.getSignal(observedContext(ctx, definition.interval, uses), params);
  return { ...definition, getSignal };
}

function observedContext(
  ctx: StrategyContext,
  strategyInterval: CandleInterval,
  uses: Map<string, IndicatorUse>,
): StrategyContext {
  const record = (recipe: IndicatorRecipe<unknown>, options: StreamOptions | undefined) => {
    const interval = options?.interval ?? strategyInterval;
    const source = options?.source ?? "close";
    const label = `${recipe.key}${interval === strategyInterval ? "" : ` ${interval}`}${source === "close" ? "" : ` ${source}`}`;
    let use = uses.get(label);
    if (use === undefined) {
      const streamWarmup = options?.warmup ?? Math.min(5000, Math.max(100, 10 * recipe.requiredInputs));
      use = { label, recipe, interval, source, streamWarmup, times: [] };
      uses.set(label, use);
    }
    if (use.times.at(-1) !== ctx.when.getTime()) use.times.push(ctx.when.getTime());
  };
  const indicators = new Proxy(ctx.indicators, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (property === "stream") record(args[0] as IndicatorRecipe<unknown>, args[1] as StreamOptions);
        else if ((NAMED as readonly unknown[]).includes(property)) {
          const arity = ARITY[property as Named];
          const make = indicator[property as Named] as (...inputs: unknown[]) => IndicatorRecipe<unknown>;
          record(make(...args.slice(0, arity)), args[arity] as StreamOptions | undefined);
        }
        return (value as (...inputs: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(ctx, {
    get: (target, property) =>
      property === "indicators" ? indicators : (Reflect.get(target, property, target) as unknown),
  });
}
