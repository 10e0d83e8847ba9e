/** Milliseconds in a UTC calendar day (UTC has no daylight saving, so every day has this length). */
export const DAY_MS = 86_400_000;

/**
 * Resamples the equity curve, marked at trade closes, to one simple return per UTC calendar day of the
 * period, flat days included as 0.
 *
 * Day k is [k·DAY_MS, (k+1)·DAY_MS). The first day is the one containing `periodStart`; the last is the one
 * containing the instant just before `periodEnd`, so a period ending exactly at midnight does not gain an
 * empty extra day. A close at or after that midnight is booked on the last day of the period.
 *
 * A day's return is the product of the growth factors (1 + r/100, floored at 0) of the trades that closed
 * that day, minus 1: the equity curve only moves at closes, and a product does not depend on the order of
 * the closes within the day, so no sorting is needed. Once the equity has reached 0, later days return 0
 * (there is nothing left to gain or lose) rather than 0/0.
 *
 * @param closeTimestamps close time of each trade (epoch ms), each within the period
 * @param growthFactors (1 + r/100) floored at 0, same index as `closeTimestamps`
 * @returns daily returns as fractions (0.01 = +1%), in calendar order; at least one day
 */
export function dailyReturns(
  closeTimestamps: Float64Array,
  growthFactors: Float64Array,
  periodStart: number,
  periodEnd: number,
): Float64Array {
  const firstDay = Math.floor(periodStart / DAY_MS);
  const lastDay = Math.max(firstDay, Math.ceil(periodEnd / DAY_MS) - 1);
  const dayFactors = new Float64Array(lastDay - firstDay + 1).fill(1);
  for (let i = 0; i < closeTimestamps.length; i++) {
    const day = Math.min(Math.max(Math.floor(closeTimestamps[i]! / DAY_MS), firstDay), lastDay);
    dayFactors[day - firstDay]! *= growthFactors[i]!;
  }
  const returns = new Float64Array(dayFactors.length);
  let equity = 1;
  for (let d = 0; d < dayFactors.length; d++) {
    const factor = dayFactors[d]!;
    returns[d] = equity === 0 ? 0 : factor - 1;
    equity *= factor;
  }
  return returns;
}
