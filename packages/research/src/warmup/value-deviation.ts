/**
 * How far `value` is from `reference`, relative to the reference's size: the largest `|a − b| / |b|` over the
 * numbers of the two (a number, or an object of numbers such as MACD or Bollinger Bands). `Infinity` when either
 * is missing or their shapes differ; a reference of exactly 0 compares absolutely.
 */
export function valueDeviation(value: unknown, reference: unknown): number {
  if (typeof reference === "number" && typeof value === "number") {
    const gap = Math.abs(value - reference);
    return reference === 0 ? gap : gap / Math.abs(reference);
  }
  if (reference === null || value === null || typeof reference !== "object" || typeof value !== "object") {
    return Number.POSITIVE_INFINITY;
  }
  let worst = 0;
  for (const [key, inner] of Object.entries(reference)) {
    worst = Math.max(worst, valueDeviation((value as Record<string, unknown>)[key], inner));
  }
  return worst;
}
