import { InvalidArgumentError } from "../../errors/index.js";
import type { DrawdownSeries, EquitySample } from "../../spec/index.js";
import { validateEquitySamples } from "./validate-equity-samples.js";

const COMPONENT = "drawdownSeries";

/**
 * The drawdown at every sample of an equity curve, for charts: (running peak − equity) / running peak × 100,
 * and the same fall in quote currency. The first peak is `initialCapital`, as in `computeCapitalStatistics`,
 * whose `maxDrawdownPercent` is the largest value of this series (0 without samples). Columns of typed
 * arrays, one entry per sample: half a million per-minute samples cost 12 MB rather than half a million
 * objects. (Typed arrays are not JSON arrays: convert with `Array.from` before serialising.)
 *
 * @param samples the curve, in time order (equal timestamps allowed)
 * @param initialCapital equity before the first sample (quote), positive
 * @throws InvalidArgumentError when `initialCapital` is not a positive finite number or a sample is invalid.
 */
export function drawdownSeries(samples: readonly EquitySample[], initialCapital: number): DrawdownSeries {
  if (typeof initialCapital !== "number" || !Number.isFinite(initialCapital) || initialCapital <= 0) {
    throw new InvalidArgumentError(COMPONENT, "initialCapital", initialCapital, "a positive finite number");
  }
  validateEquitySamples(COMPONENT, samples);
  const count = samples.length;
  const timestamps = new Float64Array(count);
  const drawdownPercent = new Float64Array(count);
  const drawdown = new Float64Array(count);
  let peak = initialCapital;
  for (let i = 0; i < count; i++) {
    const sample = samples[i]!;
    if (sample.equity > peak) peak = sample.equity;
    timestamps[i] = sample.timestamp;
    // peak − equity is ≥ 0 and exactly 0 at a peak, so no −0 reaches the series.
    drawdown[i] = peak - sample.equity;
    drawdownPercent[i] = (drawdown[i]! / peak) * 100;
  }
  return { timestamps, drawdownPercent, drawdown };
}
