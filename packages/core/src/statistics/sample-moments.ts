/**
 * Descriptive moments of a numeric sample. Internal to the statistics module: plain loops over typed arrays,
 * no callbacks, so they stay cheap on 100k values.
 */

/**
 * Relative tolerance under which a spread counts as zero. Identical inputs do not always give an exact 0
 * (e.g. the mean of ten 0.1s is 0.09999999999999999), and dividing by that rounding noise would report a
 * Sharpe ratio of 10^16. A real spread a billion times smaller than the mean is meaningless anyway.
 */
const ZERO_SPREAD_TOLERANCE = 1e-9;

/** Arithmetic mean. `values` must not be empty. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * Sample standard deviation (divisor N − 1) around a precomputed mean. Two passes (sum of squared deviations
 * from the mean) rather than Σx² − N·mean², which cancels catastrophically. `values` needs 2 elements.
 */
export function sampleStdDev(values: ArrayLike<number>, sampleMean: number): number {
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i]! - sampleMean;
    sumSquares += deviation * deviation;
  }
  return Math.sqrt(sumSquares / (values.length - 1));
}

/** Median of the values (mean of the two middle ones for an even count). Sorts a copy. Needs 1 element. */
export function median(values: Float64Array): number {
  // Float64Array#sort sorts numerically without a comparator, unlike Array#sort.
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** True when `stdDev` is zero up to rounding noise relative to the mean. */
export function isZeroSpread(stdDev: number, sampleMean: number): boolean {
  return stdDev === 0 || stdDev <= ZERO_SPREAD_TOLERANCE * Math.abs(sampleMean);
}
