/**
 * Whether series `a` crossed series `b` between the previous and the current value: `"up"` when `a` was at or
 * below `b` and is now above it, `"down"` for the mirror case, otherwise `null` (also when a value is missing).
 *
 * @example
 * const fast = await ctx.indicators.ema(10), fastBefore = await ctx.indicators.ema(10, { offset: 1 });
 * const slow = await ctx.indicators.ema(30), slowBefore = await ctx.indicators.ema(30, { offset: 1 });
 * if (crossDirection(fastBefore, fast, slowBefore, slow) === "up") return bracket({ ... });
 */
export function crossDirection(
  aBefore: number | null | undefined,
  a: number | null | undefined,
  bBefore: number | null | undefined,
  b: number | null | undefined,
): "up" | "down" | null {
  if (aBefore == null || a == null || bBefore == null || b == null) return null;
  if (aBefore <= bBefore && a > b) return "up";
  if (aBefore >= bBefore && a < b) return "down";
  return null;
}
