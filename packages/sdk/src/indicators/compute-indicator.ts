import type { Candle, CandleColumns } from "@candlewick/core";
import type { IndicatorInstance, IndicatorRecipe } from "./indicator-recipe.js";
import { checkPriceSource, type PriceSource, priceAt } from "./price-source.js";

/**
 * Batch use of an indicator recipe: its value after each of `candles` (oldest first), `null` where it was not
 * stable yet. Accepts candle objects (`getCandles`) or columns (`getCandleColumns`).
 *
 * @example
 * const closes = await ctx.columns("15m", 200);
 * const rsi = computeIndicator(indicator.rsi(14), closes).at(-1);
 */
export function computeIndicator<Result>(
  recipe: IndicatorRecipe<Result>,
  candles: readonly Candle[] | CandleColumns,
  options: { source?: PriceSource } = {},
): (Result | null)[] {
  const source = checkPriceSource("computeIndicator", options.source ?? "close");
  const columns =
    "timestamp" in candles && !Array.isArray(candles) ? candles : toColumns(candles as Candle[]);
  const instance = recipe.create() as IndicatorInstance<Result, unknown>;
  const out = new Array<Result | null>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    instance.add(
      recipe.input === "price"
        ? priceAt(columns, i, source)
        : { high: columns.high[i]!, low: columns.low[i]!, close: columns.close[i]! },
    );
    out[i] = instance.read();
  }
  return out;
}

function toColumns(candles: readonly Candle[]): CandleColumns {
  const column = (pick: (candle: Candle) => number) => Float64Array.from(candles, pick);
  return {
    length: candles.length,
    timestamp: column((c) => c.timestamp),
    open: column((c) => c.open),
    high: column((c) => c.high),
    low: column((c) => c.low),
    close: column((c) => c.close),
    volume: column((c) => c.volume),
  };
}
