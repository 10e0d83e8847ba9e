import type { CandleColumns } from "@candlewick/core";
import { type IndicatorRecipe, type PriceSource, priceAt } from "@candlewick/sdk";
import { valueDeviation } from "./value-deviation.js";

/** How one indicator value at one time depends on the history it was computed from. */
export interface StableHistory {
  /** Candles of history in the reference value: `maxHistory`, or all there were. */
  readonly reference: number;
  /**
   * The fewest candles from which every longer history (up to `reference`) gives a value within the tolerance
   * of the reference; `null` when even the reference is not a value (too little history).
   */
  readonly needed: number | null;
  /** The deviation of the value computed from `probe` candles, when asked for (the stream's own warm-up). */
  readonly probeDeviation?: number;
}

/**
 * Computes `recipe` over the last L of `closed` candles for every L from the reference length down, and finds
 * the shortest history after which the value no longer moves by more than `tolerance` (relative).
 */
export function stableHistory(
  recipe: IndicatorRecipe<unknown>,
  closed: CandleColumns,
  source: PriceSource,
  options: { readonly maxHistory: number; readonly tolerance: number; readonly probe?: number },
): StableHistory {
  const reference = Math.min(options.maxHistory, closed.length);
  // The inputs once; each history length then feeds a fresh instance its last `length` and reads one value.
  const inputs: unknown[] = [];
  for (let i = 0; i < closed.length; i++) {
    inputs.push(
      recipe.input === "price"
        ? priceAt(closed, i, source)
        : { high: closed.high[i]!, low: closed.low[i]!, close: closed.close[i]! },
    );
  }
  const valueOver = (length: number): unknown => {
    const instance = recipe.create() as { add(input: unknown): void; read(): unknown };
    for (let i = inputs.length - length; i < inputs.length; i++) instance.add(inputs[i]);
    return instance.read();
  };
  const referenceValue = valueOver(reference);
  const probe = options.probe;
  const probeDeviation =
    probe === undefined ? undefined : valueDeviation(valueOver(Math.min(probe, reference)), referenceValue);
  const withProbe = probeDeviation === undefined ? {} : { probeDeviation };
  if (referenceValue === null) return { reference, needed: null, ...withProbe };
  let needed = reference;
  while (needed > 1 && valueDeviation(valueOver(needed - 1), referenceValue) <= options.tolerance) needed--;
  return { reference, needed, ...withProbe };
}
