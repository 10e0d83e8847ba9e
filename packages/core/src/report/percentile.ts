/**
 * The `p`-th percentile (0..100) of values sorted ascending, by linear interpolation between the two closest
 * ranks: rank = p/100 × (n − 1), value = x[⌊rank⌋] + (rank − ⌊rank⌋) × (x[⌈rank⌉] − x[⌊rank⌋]). This is numpy's
 * default ("linear") and Excel's PERCENTILE.INC: p0 is the minimum, p100 the maximum, p50 the median.
 * Null for an empty array.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = (p / 100) * (n - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = sorted[below]!;
  return low + (rank - below) * (sorted[above]! - low);
}
