/** The five percentiles every Monte Carlo distribution reports. */
export interface Percentiles {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/**
 * The `q`-th percentile (0..100) of `values` with linear interpolation between order statistics: position
 * `(n - 1) · q / 100` of the sorted values (numpy's and Excel's PERCENTILE.INC default).
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = ((sorted.length - 1) * q) / 100;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** p5, p25, p50, p75 and p95 of `values` (any order). */
export function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    p5: percentile(list, 5),
    p25: percentile(list, 25),
    p50: percentile(list, 50),
    p75: percentile(list, 75),
    p95: percentile(list, 95),
  };
}
